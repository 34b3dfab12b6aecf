import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** "Zajedno — Administration": the page's name only, never anything about a person. */
export function useDocumentTitle(page: string) {
  const { t } = useTranslation();
  const app = t('app.name');
  useEffect(() => {
    document.title = page ? `${app} — ${page}` : app;
  }, [app, page]);
}
