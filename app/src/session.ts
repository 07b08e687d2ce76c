/**
 * Where a Medplum session is kept: in this tab only (sessionStorage), unless the user ticked "Remember me" when
 * signing in; then in localStorage, so that it survives closing the browser. Signing out removes what the session
 * wrote (its keys carry a prefix) from both, and nothing else.
 *
 * @example
 * const medplum = new MedplumClient({ baseUrl, storage: new ClientStorage(sessionStore()) });
 */
const REMEMBER = 'schedules.remember';
/** Every key the session writes carries this prefix, so that signing out removes those keys and no one else's. */
const PREFIX = 'schedules.session.';

/** A Storage that writes to localStorage when the user asked to be remembered, else to sessionStorage. */
export class RememberedStorage implements Storage {
  constructor(
    private readonly local: Storage,
    private readonly session: Storage
  ) {}
  private get target(): Storage {
    return this.local.getItem(REMEMBER) === '1' ? this.local : this.session;
  }
  private keys(store: Storage): string[] {
    return Array.from({ length: store.length }, (_, i) => store.key(i)).filter(
      (k): k is string => k !== null && k.startsWith(PREFIX)
    );
  }
  get length(): number {
    return this.keys(this.target).length;
  }
  key(index: number): string | null {
    return this.keys(this.target)[index]?.slice(PREFIX.length) ?? null;
  }
  getItem(key: string): string | null {
    return this.target.getItem(PREFIX + key);
  }
  setItem(key: string, value: string): void {
    this.target.setItem(PREFIX + key, value);
  }
  removeItem(key: string): void {
    this.target.removeItem(PREFIX + key);
  }
  clear(): void {
    // Only what the session wrote (and the remember flag): other applications' keys on this origin stay.
    for (const store of [this.local, this.session]) {
      for (const key of this.keys(store)) {
        store.removeItem(key);
      }
    }
    this.local.removeItem(REMEMBER);
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
