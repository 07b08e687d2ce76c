/**
 * Where a Medplum session is kept: in this tab only (sessionStorage), unless the user ticked "Remember me" when
 * signing in; then in localStorage, so that it survives closing the browser. Signing out clears both.
 *
 * @example
 * const medplum = new MedplumClient({ baseUrl, storage: new ClientStorage(sessionStore()) });
 */
const REMEMBER = 'schedules.remember';

/** A Storage that writes to localStorage when the user asked to be remembered, else to sessionStorage. */
export class RememberedStorage implements Storage {
  constructor(
    private readonly local: Storage,
    private readonly session: Storage
  ) {}
  private get target(): Storage {
    return this.local.getItem(REMEMBER) === '1' ? this.local : this.session;
  }
  get length(): number {
    return this.target.length;
  }
  key(index: number): string | null {
    return this.target.key(index);
  }
  getItem(key: string): string | null {
    return this.target.getItem(key);
  }
  setItem(key: string, value: string): void {
    this.target.setItem(key, value);
  }
  removeItem(key: string): void {
    this.target.removeItem(key);
  }
  clear(): void {
    // Only what the session wrote: the remember flag itself goes too.
    this.local.clear();
    this.session.clear();
  }
}

/** The browser's session storage for the Medplum client. */
export function sessionStore(): Storage {
  return new RememberedStorage(window.localStorage, window.sessionStorage);
}

/** Records the sign-in form's "Remember me" choice, before the sign-in request goes out. */
export function rememberChoice(form: HTMLFormElement, local: Storage = window.localStorage): void {
  const remember = (form.elements.namedItem('remember') as HTMLInputElement | null)?.checked === true;
  if (remember) {
    local.setItem(REMEMBER, '1');
  } else {
    local.removeItem(REMEMBER);
  }
}
