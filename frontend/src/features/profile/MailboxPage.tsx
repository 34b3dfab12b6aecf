import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { isApiError } from '@/lib/api';
import { formatDateTime } from '@/lib/format';
import { useMailbox } from './api/notifications';

/** The development mailbox: emails this server would have sent to the caller, newest first. */
export function MailboxPage() {
  const { t, i18n } = useTranslation();
  const mailbox = useMailbox();
  useDocumentTitle(t('mailbox.title'));
  const items = mailbox.data?.items ?? [];
  return (
    <div className="narrow">
      <p className="back-link">
        <Link to="/profile">← {t('profile.title')}</Link>
      </p>
      <h1>{t('mailbox.title')}</h1>
      <p className="lead">{t('mailbox.intro')}</p>
      {mailbox.isPending ? (
        <SkeletonList rows={3} />
      ) : mailbox.isError ? (
        isApiError(mailbox.error) && mailbox.error.status === 404 ? (
          <Notice tone="info">{t('mailbox.realEmail')}</Notice>
        ) : (
          <Notice tone="error">{t('errors.loadFailed')}</Notice>
        )
      ) : items.length === 0 ? (
        <p className="muted">{t('mailbox.empty')}</p>
      ) : (
        <ul className="mail-list">
          {items.map((m) => (
            <li key={m.id} className="card mail">
              <h2 className="mail__subject">{m.subject}</h2>
              <p className="muted">
                {t('mailbox.to', { to: m.to })} · <time dateTime={m.at}>{formatDateTime(m.at, i18n.language)}</time>
              </p>
              <p className="mail__body">{m.body}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
