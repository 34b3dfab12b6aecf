// Zajedno's service worker: Web Push only (no caching, no offline pages).
//
// A push message carries only {"alert_id": "<id>"} (docs/api-notifications.md). The notification
// says no more than that there is a new alert, so nothing personal shows on a locked screen, and
// opening it leads to the alert's page, where the app reads it with the user's own session. The
// worker has no i18n: the language comes with its address (/sw.js?lang=sr-Cyrl).

const TEXT = {
  'sr-Latn': { title: 'Novo upozorenje u Zajedno', body: 'Otvorite da ga vidite.' },
  'sr-Cyrl': { title: 'Ново упозорење у Заједно', body: 'Отворите да га видите.' },
  en: { title: 'New alert in Zajedno', body: 'Open to see it.' },
};

function language() {
  const lang = new URL(self.location.href).searchParams.get('lang');
  return lang && Object.prototype.hasOwnProperty.call(TEXT, lang) ? lang : 'sr-Latn';
}

/** The alert's id from the message, or '' when the message is not what Zajedno sends. */
function alertId(event) {
  try {
    const data = event.data ? event.data.json() : null;
    return data && typeof data.alert_id === 'string' ? data.alert_id : '';
  } catch {
    return '';
  }
}

// A new version (or a new language) takes over at once: there is nothing cached to keep consistent.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  const id = alertId(event);
  const lang = language();
  const text = TEXT[lang];
  event.waitUntil(
    self.registration.showNotification(text.title, {
      body: text.body,
      lang,
      // One notification per alert: the same alert pushed again replaces it.
      tag: id || 'zajedno-alert',
      data: { url: id ? `/alerts/${encodeURIComponent(id)}` : '/alerts' },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL((event.notification.data && event.notification.data.url) || '/alerts', self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      for (const client of windows) {
        if (new URL(client.url).origin !== self.location.origin) continue;
        try {
          const focused = await client.focus();
          if (focused.url !== url) await focused.navigate(url);
          return;
        } catch {
          // a window this worker does not control cannot be navigated: try the next, or open one
        }
      }
      await self.clients.openWindow(url);
    })(),
  );
});
