import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '@/components/ErrorSummary';
import { SelectField, TextField } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useAnnounce } from '@/components/Status';
import { FormActions } from '@/components/FormActions';
import { belgradeLocalToUtc } from '@/lib/format';
import { fromFieldErrors, noErrors, problemToErrors, type FormErrors } from '@/lib/formErrors';
import { useCreateTask } from './api/createTask';
import { usePlan } from './api/plan';
import { useCaseTasks } from './api/tasks';
import { useCaseContext } from './CaseLayout';
import { sortTasks, TaskItem } from './taskBits';

export function CaseTasks() {
  const { t } = useTranslation();
  const { kase, me } = useCaseContext();
  const tasks = useCaseTasks(String(kase.id));
  const isLead = String(kase.lead_id) === String(me.id);
  const items = sortTasks(tasks.data?.items ?? []);
  return (
    <>
      <section aria-labelledby="tasks-title">
        <h2 id="tasks-title">{t('tasks.caseTitle', { count: items.length })}</h2>
        {tasks.isPending ? (
          <SkeletonList rows={3} />
        ) : tasks.isError ? (
          <Notice tone="error">{t('errors.loadFailed')}</Notice>
        ) : items.length === 0 ? (
          <p className="muted">{t('tasks.noneInCase')}</p>
        ) : (
          <ul className="row-list">
            {items.map((x) => (
              <TaskItem key={x.id} task={x} canChange={isLead || String(x.assignee_id) === String(me.id)} />
            ))}
          </ul>
        )}
      </section>
      <NewTask />
    </>
  );
}

function NewTask() {
  const { t } = useTranslation();
  const { kase } = useCaseContext();
  const announce = useAnnounce();
  const plan = usePlan(String(kase.id));
  const create = useCreateTask();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [assignee, setAssignee] = useState('');
  const [due, setDue] = useState('');
  const [goal, setGoal] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const goals = plan.data?.goals ?? [];

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!title.trim()) fields['task-title'] = t('tasks.titleRequired');
    if (!assignee) fields['task-assignee'] = t('tasks.assigneeRequired');
    const dueAt = due ? belgradeLocalToUtc(due) : '';
    if (due && !dueAt) fields['task-due'] = t('tasks.dueInvalid');
    if (Object.keys(fields).length) {
      setErrors(fromFieldErrors(fields));
      return;
    }
    setErrors(noErrors);
    try {
      await create.mutateAsync({ caseId: String(kase.id), title: title.trim(), assignee_id: assignee, ...(dueAt ? { due_at: dueAt } : {}), ...(goal ? { goal_id: goal } : {}) });
      const name = kase.members.find((m) => String(m.user_id) === assignee)?.display_name ?? '';
      setTitle('');
      setDue('');
      setGoal('');
      setOpen(false);
      announce(t('tasks.created', { name }));
    } catch (err) {
      setErrors(problemToErrors(err, t, { title: 'task-title', assignee_id: 'task-assignee', due_at: 'task-due', goal_id: 'task-goal', action_id: 'task-goal' }, { forbidden: t('plan.readOnly') }));
    }
  }

  if (!open) {
    return (
      <p>
        <button type="button" className="button button--primary button--wide" onClick={() => setOpen(true)}>
          {t('tasks.new')}
        </button>
      </p>
    );
  }
  return (
    <section className="card" aria-labelledby="new-task-title">
      <h2 id="new-task-title">{t('tasks.new')}</h2>
      <ErrorSummary items={errors.summary} />
      <form onSubmit={submit} noValidate className="form">
        <TextField id="task-title" label={t('tasks.title')} hint={t('tasks.titleHint')} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} error={errors.fields['task-title']} />
        <SelectField id="task-assignee" label={t('tasks.assignee')} value={assignee} onChange={(e) => setAssignee(e.target.value)} error={errors.fields['task-assignee']}>
          <option value="">{t('tasks.chooseAssignee')}</option>
          {kase.members.map((m) => (
            <option key={m.user_id} value={String(m.user_id)}>
              {m.display_name}
            </option>
          ))}
        </SelectField>
        <TextField id="task-due" type="datetime-local" label={t('tasks.due')} hint={t('tasks.dueHint')} value={due} onChange={(e) => setDue(e.target.value)} error={errors.fields['task-due']} />
        {goals.length > 0 && (
          <SelectField id="task-goal" label={t('tasks.goal')} hint={t('plan.optional')} value={goal} onChange={(e) => setGoal(e.target.value)} error={errors.fields['task-goal']}>
            <option value="">{t('tasks.noGoal')}</option>
            {goals.map((g) => (
              <option key={g.id} value={g.id}>
                {g.title}
              </option>
            ))}
          </SelectField>
        )}
        <FormActions pending={create.isPending} submitLabel={t('tasks.create')} onCancel={() => setOpen(false)} />
      </form>
    </section>
  );
}
