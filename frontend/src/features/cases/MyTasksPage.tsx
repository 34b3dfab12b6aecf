import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '@/components/Notice';
import { ShowMore } from '@/components/ShowMore';
import { SkeletonList } from '@/components/Skeleton';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { useMyTasks } from './api/tasks';
import { sortTasks, TaskItem } from './taskBits';

/** "My tasks": what I need to do, overdue first, each linking to its case; more a page at a time. */
export function MyTasksPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('tasks.myTitle'));
  const [all, setAll] = useState(false);
  const tasks = useMyTasks(all);
  const listRef = useRef<HTMLUListElement>(null);
  // The server sends open tasks first by deadline, so a new page lands after what is shown.
  const items = sortTasks(tasks.data?.pages.flatMap((p) => p.items) ?? []);
  const overdue = items.filter((x) => x.overdue).length;
  return (
    <>
      <h1>{t('tasks.myTitle')}</h1>
      <div className="checkbox">
        <input id="tasks-all" type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
        <label htmlFor="tasks-all">{t('tasks.showFinished')}</label>
      </div>
      {tasks.isPending ? (
        <SkeletonList rows={4} />
      ) : tasks.isError && !tasks.data ? (
        <Notice tone="error">{t('errors.loadFailed')}</Notice>
      ) : items.length === 0 ? (
        <p className="muted">{all ? t('tasks.noneAtAll') : t('tasks.noneOpen')}</p>
      ) : (
        <>
          {overdue > 0 && (
            <p className="urgent-note">
              <span aria-hidden="true">⚠ </span>
              {t('tasks.overdueCount', { count: overdue })}
            </p>
          )}
          <ul className="row-list" aria-label={t('tasks.myTitle')} ref={listRef}>
            {items.map((x) => (
              <TaskItem key={x.id} task={x} canChange showCase />
            ))}
          </ul>
          <ShowMore query={tasks} listRef={listRef} shown={items.length} />
        </>
      )}
    </>
  );
}
