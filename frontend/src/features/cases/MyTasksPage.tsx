import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { useMyTasks } from './api/tasks';
import { sortTasks, TaskItem } from './taskBits';

/** "My tasks": what I need to do, overdue first, each linking to its case. */
export function MyTasksPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('tasks.myTitle'));
  const [all, setAll] = useState(false);
  const tasks = useMyTasks(all);
  const items = sortTasks(tasks.data?.items ?? []);
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
      ) : tasks.isError ? (
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
          <ul className="row-list" aria-label={t('tasks.myTitle')}>
            {items.map((x) => (
              <TaskItem key={x.id} task={x} canChange showCase />
            ))}
          </ul>
        </>
      )}
    </>
  );
}
