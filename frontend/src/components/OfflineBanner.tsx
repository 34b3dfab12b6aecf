import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';

function subscribe(cb: () => void) {
  window.addEventListener('online', cb);
  window.addEventListener('offline', cb);
  return () => {
    window.removeEventListener('online', cb);
    window.removeEventListener('offline', cb);
  };
}

export function useOnline() {
  return useSyncExternalStore(subscribe, () => navigator.onLine, () => true);
}

/** Tells the user when the device has no connection; nothing typed is thrown away. */
export function OfflineBanner() {
  const { t } = useTranslation();
  const online = useOnline();
  if (online) return null;
  return (
    <div className="banner banner--offline" role="status">
      <span aria-hidden="true">⚡ </span>
      <strong>{t('offline.title')}</strong> {t('offline.body')}
    </div>
  );
}
