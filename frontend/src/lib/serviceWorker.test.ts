import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';

// public/sw.js run in a scope of its own, with the worker's globals played by the test.
const source = readFileSync(join(process.cwd(), 'public/sw.js'), 'utf8');

type Handler = (event: unknown) => void;
type FakeWindow = { url: string; focus: ReturnType<typeof vi.fn>; navigate: ReturnType<typeof vi.fn> };

function loadWorker(scriptUrl: string, windows: FakeWindow[] = []) {
  const handlers = new Map<string, Handler>();
  const showNotification = vi.fn(async () => {});
  const openWindow = vi.fn(async () => null);
  const self = {
    location: new URL(scriptUrl),
    addEventListener: (type: string, h: Handler) => handlers.set(type, h),
    skipWaiting: vi.fn(),
    registration: { showNotification },
    clients: { claim: vi.fn(async () => {}), matchAll: vi.fn(async () => windows), openWindow },
  };
  runInNewContext(source, { self, URL, Object, JSON, encodeURIComponent });
  const dispatch = async (type: string, event: Record<string, unknown>) => {
    const waits: Promise<unknown>[] = [];
    handlers.get(type)!({ ...event, waitUntil: (p: Promise<unknown>) => waits.push(p) });
    await Promise.all(waits);
  };
  const push = (payload: unknown) => dispatch('push', { data: { json: () => (typeof payload === 'string' ? JSON.parse(payload) : payload) } });
  const click = (data: unknown) => {
    const close = vi.fn();
    return dispatch('notificationclick', { notification: { close, data } }).then(() => close);
  };
  return { push, click, showNotification, openWindow };
}

function openWindow(url: string, navigates = true): FakeWindow {
  const w: FakeWindow = {
    url,
    focus: vi.fn(async () => w),
    navigate: vi.fn(async (to: string) => {
      if (!navigates) throw new TypeError('This service worker is not the client’s active service worker.');
      w.url = to;
      return w;
    }),
  };
  return w;
}

describe('the service worker', () => {
  it('shows a push as a notification that says only that there is an alert, in the language of its address', async () => {
    const sw = loadWorker('https://zajedno.example.org/sw.js?lang=sr-Cyrl');
    await sw.push({ alert_id: '3f0c2a4e' });
    expect(sw.showNotification).toHaveBeenCalledWith('Ново упозорење у Заједно', {
      body: 'Отворите да га видите.',
      lang: 'sr-Cyrl',
      tag: '3f0c2a4e',
      data: { url: '/alerts/3f0c2a4e' },
    });
  });

  it('falls back to Serbian (Latin) and to the alerts list for an address or a message it does not know', async () => {
    const sw = loadWorker('https://zajedno.example.org/sw.js?lang=de');
    await sw.push('{"something":"else"}');
    expect(sw.showNotification).toHaveBeenCalledWith('Novo upozorenje u Zajedno', {
      body: 'Otvorite da ga vidite.',
      lang: 'sr-Latn',
      tag: 'zajedno-alert',
      data: { url: '/alerts' },
    });
  });

  it('on a click, brings an open Zajedno window forward and takes it to the alert', async () => {
    const other = openWindow('https://elsewhere.example.com/');
    const app = openWindow('https://zajedno.example.org/cases');
    const sw = loadWorker('https://zajedno.example.org/sw.js?lang=en', [other, app]);
    const close = await sw.click({ url: '/alerts/a1' });
    expect(close).toHaveBeenCalled();
    expect(other.focus).not.toHaveBeenCalled();
    expect(app.focus).toHaveBeenCalled();
    expect(app.navigate).toHaveBeenCalledWith('https://zajedno.example.org/alerts/a1');
    expect(sw.openWindow).not.toHaveBeenCalled();
  });

  it('opens a new window when no Zajedno window is open, or none can be taken there', async () => {
    const none = loadWorker('https://zajedno.example.org/sw.js?lang=en');
    await none.click({ url: '/alerts/a1' });
    expect(none.openWindow).toHaveBeenCalledWith('https://zajedno.example.org/alerts/a1');

    const stuck = openWindow('https://zajedno.example.org/', false);
    const sw = loadWorker('https://zajedno.example.org/sw.js?lang=en', [stuck]);
    await sw.click({ url: '/alerts/a2' });
    expect(sw.openWindow).toHaveBeenCalledWith('https://zajedno.example.org/alerts/a2');
  });
});
