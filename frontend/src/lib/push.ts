// The browser's side of Web Push: the service worker (public/sw.js, scope /), the push
// subscription, and what this browser remembers of it. The API calls are the profile feature's;
// this file knows only the browser (docs/api-notifications.md, "Subscribing a browser").

/** Where this browser keeps the subscription it sent: the id the server gave, for whom, and the endpoint. */
export const PUSH_STORAGE_KEY = 'zajedno.push';

export type StoredPush = { id: string; endpoint: string; user_id: string };

/** Whether this browser can receive push notifications at all (an insecure origin or an old browser cannot). */
export function pushSupported(): boolean {
  return typeof navigator !== 'undefined' && 'serviceWorker' in navigator && !!navigator.serviceWorker && typeof window !== 'undefined' && 'PushManager' in window && 'Notification' in window;
}

/** The notification permission: 'default' until the user answers the browser's question. */
export function notificationPermission(): NotificationPermission {
  return pushSupported() ? Notification.permission : 'default';
}

/** The service worker's address: the language rides along, since the worker has no i18n of its own. */
export function workerUrl(language: string): string {
  return `/sw.js?lang=${encodeURIComponent(language)}`;
}

/** Registers (or updates) the service worker and waits until it is active (a worker that never gets there is an error). */
export async function registerWorker(language: string, timeoutMs = 20_000): Promise<ServiceWorkerRegistration> {
  await navigator.serviceWorker.register(workerUrl(language), { scope: '/' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the service worker did not become active')), timeoutMs);
  });
  try {
    return await Promise.race([navigator.serviceWorker.ready, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The registration of Zajedno's worker, if this browser has one. */
export async function existingRegistration(): Promise<ServiceWorkerRegistration | undefined> {
  if (!pushSupported()) return undefined;
  return navigator.serviceWorker.getRegistration('/');
}

/**
 * Keeps the worker's language in step with the app's: a registered worker whose address names
 * another language is registered again at the new address (the subscription stays).
 */
export async function syncWorkerLanguage(language: string): Promise<void> {
  try {
    const reg = await existingRegistration();
    const url = reg?.active?.scriptURL ?? reg?.waiting?.scriptURL ?? reg?.installing?.scriptURL;
    if (!reg || !url) return;
    if (new URL(url, window.location.href).searchParams.get('lang') === language) return;
    await navigator.serviceWorker.register(workerUrl(language), { scope: '/' });
  } catch {
    // the notifications keep the old language: not worth an error on screen
  }
}

/** The VAPID public key (unpadded base64url) as the bytes PushManager.subscribe wants. */
export function base64UrlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(value.length / 4) * 4, '=');
  const raw = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** Whether a subscription was made with this key (one made with an old key must be replaced). */
export function sameKey(subscription: PushSubscription, key: Uint8Array): boolean {
  const had = subscription.options?.applicationServerKey;
  if (!had) return false;
  const a = new Uint8Array(had);
  return a.length === key.length && a.every((b, i) => b === key[i]);
}

export function readStoredPush(): StoredPush | null {
  try {
    const raw = localStorage.getItem(PUSH_STORAGE_KEY);
    const v: unknown = raw ? JSON.parse(raw) : null;
    if (v && typeof v === 'object' && typeof (v as StoredPush).id === 'string' && typeof (v as StoredPush).endpoint === 'string') {
      return { id: (v as StoredPush).id, endpoint: (v as StoredPush).endpoint, user_id: String((v as StoredPush).user_id ?? '') };
    }
  } catch {
    // unreadable: as if nothing was stored
  }
  return null;
}

export function storePush(p: StoredPush | null) {
  try {
    if (p) localStorage.setItem(PUSH_STORAGE_KEY, JSON.stringify(p));
    else localStorage.removeItem(PUSH_STORAGE_KEY);
  } catch {
    // storage unavailable: the subscription still works, it is just not known as on here
  }
}
