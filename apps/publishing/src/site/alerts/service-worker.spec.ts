import { runInNewContext } from 'node:vm';
import { serviceWorkerSource } from './service-worker';

/** The worker's source run in a stand-in for the worker's global scope; what `push` shows is recorded. */
function worker() {
  const listeners = new Map<string, (event: unknown) => void>();
  const shown: { title: string; options: Record<string, unknown> }[] = [];
  const self = {
    location: { origin: 'https://news.example', hostname: 'news.example' },
    addEventListener: (type: string, listener: (event: unknown) => void) => listeners.set(type, listener),
    registration: { showNotification: (title: string, options: Record<string, unknown>) => (shown.push({ title, options }), Promise.resolve()) },
    skipWaiting: () => undefined,
    clients: { claim: () => Promise.resolve() },
  };
  runInNewContext(serviceWorkerSource('https://alerts.news.example'), { self, URL, fetch: () => Promise.resolve(), Promise });
  const push = (payload: unknown) => listeners.get('push')?.({ data: { json: () => payload }, waitUntil: (promise: Promise<unknown>) => promise });
  return { push, shown };
}

describe('the site service worker', () => {
  it("shows a push alert with its title, body and tag, in the story's language and direction", () => {
    const { push, shown } = worker();
    push({ title: 'عاجل: الميزانية', body: 'صوت المجلس', url: 'https://news.example/articles/budget', tag: 'a1', lang: 'ar', dir: 'rtl' });
    expect(shown).toEqual([{ title: 'عاجل: الميزانية', options: expect.objectContaining({ body: 'صوت المجلس', tag: 'a1', lang: 'ar', dir: 'rtl' }) }]);
  });

  it('leaves out a language or direction that is not one, and a URL off the site', () => {
    const { push, shown } = worker();
    push({ title: 'Budget', body: '', url: 'https://elsewhere.example/x', tag: 'a1', lang: 'en"><x', dir: 'sideways' });
    expect(shown[0].options).not.toHaveProperty('lang');
    expect(shown[0].options).not.toHaveProperty('dir');
    expect(shown[0].options.data).toEqual({ url: undefined, tag: 'a1' });
  });
});
