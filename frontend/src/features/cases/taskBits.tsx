import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAnnounce } from '@/components/Status';
import { formatDateTime, lateness } from '@/lib/format';
import { problemToErrors } from '@/lib/formErrors';
import type { Task, TaskStatus } from '@/lib/types';
import { useSetTaskStatus } from './api/setTaskStatus';

/** Overdue first (most late first), then by deadline (none last), then finished ones. */
export function sortTasks(tasks: Task[]): Task[] {
  const rank = (x: Task) => (x.overdue ? 0 : x.status === 'open' || x.status === 'in_progress' ? 1 : 2);
  const due = (x: Task) => (x.due_at ? new Date(x.due_at).getTime() : Number.POSITIVE_INFINITY);
  return [...tasks].sort((a, b) => rank(a) - rank(b) || due(a) - due(b) || a.created_at.localeCompare(b.created_at));
}

/** The deadline in words; overdue in the one urgency colour, with an icon and "kasni 2 dana". */
export function TaskDue({ task }: { task: Task }) {
  const { t, i18n } = useTranslation();
  if (task.status === 'done') {
    return (
      <span className="row-list__meta">
        {t('tasks.doneBy', { name: task.completed_by && String(task.completed_by) === String(task.assignee_id) ? task.assignee_name : t('tasks.someone'), when: task.completed_at ? formatDateTime(task.completed_at, i18n.language) : '' })}
      </span>
    );
  }
  if (!task.due_at) return <span className="row-list__meta">{t('tasks.noDeadline')}</span>;
  if (task.overdue) {
    const late = lateness(task.due_at);
    return (
      <span className="tag tag--urgent">
        <span aria-hidden="true">⚠ </span>
        {late.unit === 'days' ? t('tasks.lateDays', { count: late.count }) : t('tasks.lateHours', { count: late.count })}
        <span className="visually-hidden"> — </span>
        <span className="tag__detail"> · {t('tasks.was', { when: formatDateTime(task.due_at, i18n.language) })}</span>
      </span>
    );
  }
  return <span className="row-list__meta">{t('tasks.dueAt', { when: formatDateTime(task.due_at, i18n.language) })}</span>;
}

/** One-tap buttons: Start (when open), Done (when open or started), Reopen (when finished). */
export function TaskActions({ task, canChange }: { task: Task; canChange: boolean }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const set = useSetTaskStatus();
  const [error, setError] = useState('');
  if (!canChange) return null;
  const go = (status: TaskStatus) =>
    set.mutate(
      { taskId: task.id, caseId: String(task.case_id), status },
      {
        onSuccess: () => {
          setError('');
          announce(t('tasks.statusSaved', { status: t(`taskStatus.${status}`) }));
        },
        onError: (e) => setError(problemToErrors(e, t, {}, { forbidden: t('tasks.onlyAssigneeOrLead') }).summary[0]?.message ?? ''),
      },
    );
  const active = task.status === 'open' || task.status === 'in_progress';
  return (
    <div className="task-actions">
      {task.status === 'open' && (
        <button type="button" className="button button--secondary" disabled={set.isPending} onClick={() => go('in_progress')}>
          {t('tasks.start')}
          <span className="visually-hidden"> — {task.title}</span>
        </button>
      )}
      {active && (
        <button type="button" className="button button--primary" disabled={set.isPending} onClick={() => go('done')}>
          {t('tasks.done')}
          <span className="visually-hidden"> — {task.title}</span>
        </button>
      )}
      {!active && (
        <button type="button" className="button button--secondary button--small" disabled={set.isPending} onClick={() => go('open')}>
          {t('tasks.reopen')}
          <span className="visually-hidden"> — {task.title}</span>
        </button>
      )}
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function TaskItem({ task, canChange, showCase }: { task: Task; canChange: boolean; showCase?: boolean }) {
  const { t } = useTranslation();
  return (
    <li className={`row-list__item row-list__item--wrap task${task.overdue ? ' task--overdue' : ''}`}>
      <div className="row-list__text">
        <span className="row-list__title">{task.title}</span>
        {showCase ? (
          <Link to={`/cases/${task.case_id}/tasks`} className="row-list__meta">
            {task.case_title}
          </Link>
        ) : (
          <span className="row-list__meta">{t('tasks.for', { name: task.assignee_name })}</span>
        )}
        <span className="row-list__meta">
          <span className="tag tag--neutral">{t(`taskStatus.${task.status}`)}</span> <TaskDue task={task} />
        </span>
      </div>
      <TaskActions task={task} canChange={canChange} />
    </li>
  );
}
