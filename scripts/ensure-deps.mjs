// Installs the locked npm packages when they are missing, so that `npm start` and `npm test` work on a
// fresh clone. Plain JavaScript: it runs on the machine's Node before the project's Node 22 is installed.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('node_modules/.package-lock.json') || !existsSync('node_modules/.bin/node')) {
  console.log('Installing npm packages (npm ci)…');
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
}
