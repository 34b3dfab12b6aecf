import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { formatDateTime, formatRelative } from '@/lib/format';
import { useInvitations } from './api/invitations';

/** The agenda items the user is invited to as an occasional member (no case named until opened). */
export function Invitations({ showEmpty }: { showEmpty: boolean }) {
  const { t, i18n } = useTranslation();
  const invitations = useInvitations();
  const items = invitations.data?.items ?? [];
  if (!invitations.isPending && !invitations.isError && items.length === 0 && !showEmpty) return null;
  return (
    <section className="meeting-invitations" aria-labelledby="invitations-title">
      <h2 id="invitations-title">{t('meetings.invitations.title')}</h2>
      <p className="muted">{t('meetings.invitations.intro')}</p>
      {invitations.isPending ? (
        <SkeletonList rows={2} />
      ) : invitations.isError ? (
        <Notice tone="error">{t('errors.loadFailed')}</Notice>
      ) : items.length === 0 ? (
        <p>{t('meetings.invitations.none')}</p>
      ) : (
        <ul className="meeting-list" aria-labelledby="invitations-title">
          {items.map((inv) => (
            <li key={inv.item_id} className="meeting-row">
              <p className="meeting-row__title">
                <Link to={`/meeting-items/${inv.item_id}`}>{t('meetings.invitations.open', { when: formatDateTime(inv.starts_at, i18n.language) })}</Link>
              </p>
              <p className="meeting-row__meta">
                {inv.group_name} · <span className="muted">{formatRelative(inv.starts_at, i18n.language)}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
