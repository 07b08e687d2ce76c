// @vitest-environment jsdom
import { describe, expect, test, vi } from 'vitest';
import { installBotConsoleFilter } from '../../app/src/local-mode/bot-console';
import { RememberedStorage, rememberChoice } from '../../app/src/session';

function memory(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
    clear: () => map.clear(),
  };
}

describe('the Medplum session', () => {
  test('without "Remember me" it lives in this tab only; with it, in localStorage; sign-out clears both', () => {
    const local = memory();
    const session = memory();
    const storage = new RememberedStorage(local, session);
    const form = document.createElement('form');
    form.innerHTML = '<input type="checkbox" name="remember" />';
    rememberChoice(form, local);
    storage.setItem('activeLogin', 'token-1');
    expect(storage.getItem('activeLogin')).toBe('token-1');
    expect(session.length).toBe(1);
    expect(local.length).toBe(0); // not persisted (defect: it stayed in localStorage)

    (form.elements.namedItem('remember') as HTMLInputElement).checked = true;
    rememberChoice(form, local);
    storage.setItem('activeLogin', 'token-2');
    expect(local.length).toBe(2); // the flag and the login
    expect(storage.getItem('activeLogin')).toBe('token-2');
    expect([storage.length, storage.key(0)]).toEqual([1, 'activeLogin']);
    local.setItem('another-app.settings', 'kept');
    session.setItem('another-app.draft', 'kept');
    storage.clear();
    // Sign-out removes the session's keys and the flag, and nothing of other applications on this origin.
    expect([local.getItem('another-app.settings'), session.getItem('another-app.draft')]).toEqual(['kept', 'kept']);
    expect([local.length, session.length]).toEqual([1, 1]);
  });
});

describe('the bots’ console output in local mode', () => {
  test('stays out of the console unless asked for, and is kept for reading', () => {
    const target = { log: vi.fn(), info: vi.fn(), debug: vi.fn() };
    const original = target.log;
    let asked = false;
    const read = installBotConsoleFilter(target, () => asked);
    target.log('Schedule/1 [generate]: created 3');
    expect(original).not.toHaveBeenCalled();
    asked = true;
    target.log('Schedule/1 [generate]: created 0');
    expect(original).toHaveBeenCalledOnce();
    expect(read()).toEqual(['Schedule/1 [generate]: created 3', 'Schedule/1 [generate]: created 0']);
  });
});
