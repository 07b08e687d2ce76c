/**
 * What the runtime (runtime.ts) tells the pages beyond the MedplumClient: how to wait for the bots. In local mode the
 * bots run in this page and `settled()` resolves once they are done; on a Medplum server they run elsewhere, nothing
 * can be awaited, and `settled()` returns undefined (the calendar then polls until the slots stop changing).
 */
import { createContext } from 'react';

export interface BotActivity {
  /** Resolves once the bots have finished the work started so far; undefined when they cannot be awaited. */
  settled(): Promise<void> | undefined;
}

/** No bots to wait for (Medplum mode). */
export const REMOTE_BOTS: BotActivity = { settled: () => undefined };

export const BotActivityContext = createContext<BotActivity>(REMOTE_BOTS);
