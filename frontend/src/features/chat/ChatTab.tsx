import { useTranslation } from 'react-i18next';
import { useUnread } from './api/unread';

/** The Chat tab's label in the case workspace, with the count of unread messages. */
export function ChatTab({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const unread = useUnread(caseId).data ?? 0;
  return (
    <>
      {t('chat.tab')}
      {unread > 0 && (
        <>
          {' '}
          <UnreadBadge count={unread} />
        </>
      )}
    </>
  );
}

/** "3" on screen, "3 unread messages" to a screen reader. */
export function UnreadBadge({ count }: { count: number }) {
  const { t } = useTranslation();
  return (
    <span className="badge badge--unread">
      <span aria-hidden="true">{count}</span>
      <span className="visually-hidden">{t('chat.unread', { count })}</span>
    </span>
  );
}
