import { useTranslation } from 'react-i18next';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { useGroups } from './api/groups';
import { CalendarFeed } from './CalendarFeed';
import { GroupCalendar } from './GroupCalendar';
import { Invitations } from './Invitations';

/** Meetings: each of the user's coordination groups (its calendar), the items they are invited to, and their calendar feed. */
export function MeetingsPage() {
  const { t } = useTranslation();
  const groups = useGroups();
  useDocumentTitle(t('meetings.title'));
  const items = groups.data?.items ?? [];
  return (
    <>
      <h1>{t('meetings.title')}</h1>
      <p className="lead">{t('meetings.intro')}</p>
      {groups.isPending ? (
        <SkeletonList rows={3} />
      ) : groups.isError ? (
        <Notice tone="error">{t('errors.loadFailed')}</Notice>
      ) : (
        items.map((g) => <GroupCalendar key={g.id} group={g} />)
      )}
      <Invitations showEmpty={!groups.isPending && items.length === 0} />
      <CalendarFeed />
    </>
  );
}
