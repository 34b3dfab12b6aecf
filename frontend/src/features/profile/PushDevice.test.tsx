import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from '@/lib/types';
import { jsonResponse, renderPage } from '@/test/render';
import { NotificationsSection } from './NotificationsSection';

// The server's VAPID public key as docs/openapi.yaml shows it: 65 bytes, unpadded base64url.
const PUBLIC_KEY = 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM';
const ENDPOINT = 'https://push.example.org/send/abc123';

const me: User = {
  id: 'u1',
  username: 'ana',
  display_name: 'Ana',
  agency_id: 'a1',
  roles: ['social_worker'],
  team_ids: [],
  active: true,
  mfa_enabled: false,
  must_change_password: false,
  language: 'en',
  created_at: '2026-01-01T00:00:00Z',
  deactivated_at: null,
};
const prefs = { email: '', email_enabled: true, push_enabled: true, quiet_from: null, quiet_to: null, time_zone: 'Europe/Belgrade' };

/** The browser's push plumbing, played by the test. */
class FakeSubscription {
  readonly options: { applicationServerKey: ArrayBuffer };
  constructor(
    readonly endpoint: string,
    key: Uint8Array,
    private readonly manager: FakePushManager,
  ) {
    this.options = { applicationServerKey: key.slice().buffer };
  }
  toJSON() {
    return { endpoint: this.endpoint, expirationTime: null, keys: { p256dh: 'p256dh-key', auth: 'auth-secret' } };
  }
  unsubscribe = vi.fn(async () => {
    this.manager.current = null;
    return true;
  });
}

class FakePushManager {
  current: FakeSubscription | null = null;
  failSubscribe = false;
  subscribe = vi.fn(async (opts: { userVisibleOnly: boolean; applicationServerKey: Uint8Array }) => {
    if (this.failSubscribe) throw new DOMException('Registration failed - push service error', 'AbortError');
    this.current = new FakeSubscription(ENDPOINT, opts.applicationServerKey, this);
    return this.current;
  });
  getSubscription = vi.fn(async () => this.current);
}

let pushManager: FakePushManager;
let registered: boolean;
let permission: NotificationPermission;
let answer: NotificationPermission;
const registration = () => ({ pushManager, active: { scriptURL: 'http://localhost/sw.js?lang=en' } });
const register = vi.fn(async () => {
  registered = true;
  return registration();
});
const requestPermission = vi.fn(async () => {
  permission = answer;
  return answer;
});

function installPush() {
  Object.defineProperty(navigator, 'serviceWorker', {
    configurable: true,
    value: {
      register,
      get ready() {
        return Promise.resolve(registration());
      },
      getRegistration: vi.fn(async () => (registered ? registration() : undefined)),
    },
  });
  vi.stubGlobal('PushManager', class {});
  vi.stubGlobal('Notification', {
    get permission() {
      return permission;
    },
    requestPermission,
  });
}

type Api = { key?: () => Response; post?: (body: unknown) => Response | Promise<Response>; del?: (id: string) => Response };

function mockApi({ key, post, del }: Api = {}) {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    if (url === '/api/v1/me/notifications') return jsonResponse(200, prefs);
    if (url === '/api/v1/push/public-key') return key ? key() : jsonResponse(200, { public_key: PUBLIC_KEY });
    if (url === '/api/v1/me/push-subscriptions' && method === 'POST') {
      const body = JSON.parse(String(init!.body));
      return post ? post(body) : jsonResponse(201, { id: 'sub-1', endpoint: body.endpoint, created_at: '2026-11-24T10:00:00Z' });
    }
    const m = url.match(/^\/api\/v1\/me\/push-subscriptions\/(.+)$/);
    if (m && method === 'DELETE') return del ? del(m[1]!) : new Response(null, { status: 204 });
    return jsonResponse(404, { code: 'not_found' });
  });
}

const device = () => screen.getByRole('heading', { name: 'Notifications on this device' }).parentElement!;

beforeEach(() => {
  pushManager = new FakePushManager();
  registered = false;
  permission = 'default';
  answer = 'granted';
  register.mockClear();
  requestPermission.mockClear();
  localStorage.clear();
  installPush();
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  delete (navigator as { serviceWorker?: unknown }).serviceWorker;
});

describe('Push notifications on this device', () => {
  it('turns them on: asks permission, registers the worker, subscribes with the server key, sends the subscription and remembers its id', async () => {
    let answerPost: (r: Response) => void = () => {};
    const fetchMock = mockApi({ post: () => new Promise<Response>((resolve) => (answerPost = resolve)) });
    renderPage(<NotificationsSection />, { me });
    expect(await within(device()).findByText('Notifications are off for this device.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Turn on notifications on this device' }));

    // Working: the button says so and cannot be pressed twice.
    const busy = await screen.findByRole('button', { name: 'Turning on…' });
    expect(busy).toBeDisabled();
    expect(requestPermission).toHaveBeenCalledTimes(1);
    expect(register).toHaveBeenCalledWith('/sw.js?lang=en', { scope: '/' });
    const opts = pushManager.subscribe.mock.calls[0]![0];
    expect(opts.userVisibleOnly).toBe(true);
    expect(opts.applicationServerKey).toHaveLength(65);
    expect(opts.applicationServerKey[0]).toBe(4);

    answerPost(jsonResponse(201, { id: 'sub-1', endpoint: ENDPOINT, created_at: '2026-11-24T10:00:00Z' }));
    expect(await within(device()).findByText('Notifications are on for this device.')).toBeInTheDocument();
    const post = fetchMock.mock.calls.find(([u, i]) => String(u) === '/api/v1/me/push-subscriptions' && i?.method === 'POST')!;
    expect(JSON.parse(String(post[1]!.body))).toEqual({ endpoint: ENDPOINT, expirationTime: null, keys: { p256dh: 'p256dh-key', auth: 'auth-secret' } });
    expect(JSON.parse(localStorage.getItem('zajedno.push')!)).toEqual({ id: 'sub-1', endpoint: ENDPOINT, user_id: 'u1' });
    expect(screen.getByRole('button', { name: 'Turn off on this device' })).toBeEnabled();
    await waitFor(() => expect(screen.getByTestId('live-region')).toHaveTextContent('Notifications are on for this device.'));
  });

  it('turns them off: deletes the subscription on the server, unsubscribes the browser and forgets the id', async () => {
    permission = 'granted';
    registered = true;
    pushManager.current = new FakeSubscription(ENDPOINT, new Uint8Array(65), pushManager);
    localStorage.setItem('zajedno.push', JSON.stringify({ id: 'sub-7', endpoint: ENDPOINT, user_id: 'u1' }));
    const subscription = pushManager.current;
    const fetchMock = mockApi();
    renderPage(<NotificationsSection />, { me });
    expect(await within(device()).findByText('Notifications are on for this device.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Turn off on this device' }));
    expect(await within(device()).findByText('Notifications are off for this device.')).toBeInTheDocument();
    expect(fetchMock.mock.calls.some(([u, i]) => String(u) === '/api/v1/me/push-subscriptions/sub-7' && i?.method === 'DELETE')).toBe(true);
    expect(subscription.unsubscribe).toHaveBeenCalled();
    expect(localStorage.getItem('zajedno.push')).toBeNull();
    expect(screen.getByRole('button', { name: 'Turn on notifications on this device' })).toBeEnabled();
  });

  it('says how to allow them when the user blocks notifications, and subscribes nothing', async () => {
    answer = 'denied';
    const fetchMock = mockApi();
    renderPage(<NotificationsSection />, { me });
    await userEvent.click(await screen.findByRole('button', { name: 'Turn on notifications on this device' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Notifications are blocked');
    expect(alert).toHaveTextContent(/site settings .* set Notifications to Allow, then reload this page/);
    expect(within(device()).getByText('Notifications from Zajedno are blocked in this browser.')).toBeInTheDocument();
    expect(pushManager.subscribe).not.toHaveBeenCalled();
    expect(fetchMock.mock.calls.some(([, i]) => i?.method === 'POST')).toBe(false);
  });

  it('shows a permission blocked before, with the way to allow it', async () => {
    permission = 'denied';
    mockApi();
    renderPage(<NotificationsSection />, { me });
    expect(await within(device()).findByText('Notifications from Zajedno are blocked in this browser.')).toBeInTheDocument();
    expect(within(device()).getByText(/set Notifications to Allow/)).toBeInTheDocument();
  });

  it('says the browser cannot have them, and offers no button, where push is not supported', async () => {
    vi.unstubAllGlobals();
    delete (navigator as { serviceWorker?: unknown }).serviceWorker;
    const fetchMock = mockApi();
    renderPage(<NotificationsSection />, { me });
    expect(await within(device()).findByText('This browser cannot show notifications')).toBeInTheDocument();
    expect(within(device()).getByText(/Alerts still reach you by email/)).toBeInTheDocument();
    expect(within(device()).queryByRole('button')).toBeNull();
    expect(fetchMock.mock.calls.some(([u]) => String(u) === '/api/v1/push/public-key')).toBe(false);
  });

  it('says so when the server sends no push (its key cannot be had), instead of a button that cannot work', async () => {
    mockApi({ key: () => jsonResponse(500, { code: 'internal', detail: 'Internal error.' }) });
    renderPage(<NotificationsSection />, { me });
    expect(await within(device()).findByText('This server does not send push notifications')).toBeInTheDocument();
    expect(within(device()).queryByRole('button', { name: 'Turn on notifications on this device' })).toBeNull();
  });

  it('says to check the connection when the subscription cannot be sent, and keeps nothing', async () => {
    mockApi({ post: () => Promise.reject(new TypeError('Failed to fetch')) });
    renderPage(<NotificationsSection />, { me });
    await userEvent.click(await screen.findByRole('button', { name: 'Turn on notifications on this device' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('No connection to Zajedno');
    expect(localStorage.getItem('zajedno.push')).toBeNull();
    expect(screen.getByRole('button', { name: 'Turn on notifications on this device' })).toBeEnabled();
  });

  it("says what happened when the browser's push service fails", async () => {
    pushManager.failSubscribe = true;
    mockApi();
    renderPage(<NotificationsSection />, { me });
    await userEvent.click(await screen.findByRole('button', { name: 'Turn on notifications on this device' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The browser could not set up notifications');
  });

  it("counts another user's subscription on this browser as off for this one", async () => {
    permission = 'granted';
    registered = true;
    pushManager.current = new FakeSubscription(ENDPOINT, new Uint8Array(65), pushManager);
    localStorage.setItem('zajedno.push', JSON.stringify({ id: 'sub-9', endpoint: ENDPOINT, user_id: 'someone-else' }));
    mockApi();
    renderPage(<NotificationsSection />, { me });
    expect(await within(device()).findByText('Notifications are off for this device.')).toBeInTheDocument();
  });
});
