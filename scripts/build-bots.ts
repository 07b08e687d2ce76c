/** `npm run build`: bundles every bot in medplum.config.json into dist/. */
import { buildBots } from '../deploy/build';
import { readDeployConfig } from '../deploy/config';

const built = await buildBots(readDeployConfig().bots);
for (const bot of built) {
  console.log(`built ${bot.name} → ${bot.dist} (${(bot.bytes / 1024).toFixed(0)} KiB)`);
}
