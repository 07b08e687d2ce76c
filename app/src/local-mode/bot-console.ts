/**
 * In local mode the bots run in the page and log a summary line per run with console.log. Those lines stay out of
 * the browser console unless asked for (`?debug=bots` in the URL, or localStorage `schedules.debug` = `bots`);
 * the last 500 are kept and readable with `schedulesBotLog()` in the console. Warnings and errors always show.
 */
const KEPT = 500;

export function installBotConsoleFilter(
  target: Pick<Console, 'log' | 'info' | 'debug'> = console,
  asked: () => boolean = askedForBotLogs
): () => readonly string[] {
  const lines: string[] = [];
  const keep =
    (original: (...args: unknown[]) => void) =>
    (...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
      if (lines.length > KEPT) {
        lines.shift();
      }
      if (asked()) {
        original(...args);
      }
    };
  target.log = keep(target.log.bind(target));
  target.info = keep(target.info.bind(target));
  target.debug = keep(target.debug.bind(target));
  const read = (): readonly string[] => [...lines];
  (globalThis as { schedulesBotLog?: () => readonly string[] }).schedulesBotLog = read;
  return read;
}

function askedForBotLogs(): boolean {
  try {
    return (
      new URLSearchParams(window.location.search).get('debug') === 'bots' ||
      window.localStorage.getItem('schedules.debug') === 'bots'
    );
  } catch {
    return false;
  }
}
