/** What Mantine needs from a browser that jsdom does not provide. */
import { notifications } from '@mantine/notifications';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  }),
});
class ResizeObserverStub {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
Object.assign(globalThis, { ResizeObserver: ResizeObserverStub });
// The app writes dates and times in the browser's language (app/src/format.ts); jsdom says en-US. The screens'
// tests read British English, as the demo clinic's users do; test/app/format.test.ts checks an American browser.
Object.defineProperty(window.navigator, 'language', { configurable: true, get: () => 'en-GB' });
Element.prototype.scrollIntoView = () => undefined;
window.HTMLElement.prototype.scrollIntoView = () => undefined;

afterEach(() => {
  cleanup();
  notifications.clean(); // the notifications store outlives a render
});
