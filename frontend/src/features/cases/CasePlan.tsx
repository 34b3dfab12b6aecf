import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencies } from '@/api/agencies';
import { ErrorSummary } from '@/components/ErrorSummary';
import { SelectField, TextAreaField, TextField } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useAnnounce } from '@/components/Status';
import { FormActions } from '@/components/FormActions';
import { useFocusReturn } from '@/components/useFocusReturn';
import { formatDate, formatDateTime } from '@/lib/format';
import { fromFieldErrors, noErrors, problemToErrors, type FormErrors } from '@/lib/formErrors';
import type { ActionStatus, Goal, GoalStatus, Participation, Plan, PlanAction } from '@/lib/types';
import { useAddAction } from './api/addAction';
import { useAddGoal } from './api/addGoal';
import { usePlan } from './api/plan';
import { useComparePlan, usePlanVersions } from './api/planVersions';
import { useUpdateAction } from './api/updateAction';
import { useUpdateGoal } from './api/updateGoal';
import { useUpdatePlan } from './api/updatePlan';
import { useCaseContext } from './CaseLayout';

const GOAL_STATUSES: GoalStatus[] = ['open', 'achieved', 'dropped'];
const ACTION_STATUSES: ActionStatus[] = ['planned', 'in_progress', 'done', 'dropped'];
const PARTICIPATIONS: Participation[] = ['took_part', 'declined', 'unable'];

/** The person-centred plan: the person's part in it, goals in their own words, actions, versions. */
export function CasePlan() {
  const { t } = useTranslation();
  const { kase } = useCaseContext();
  const plan = usePlan(String(kase.id));
  // As on the timeline and people tabs: emergency access reads the case but cannot change it (403).
  const canChange = kase.my_basis !== 'emergency';
  if (plan.isPending) return <SkeletonList rows={3} />;
  if (plan.isError) return <Notice tone="error">{t('errors.loadFailed')}</Notice>;
  const p = plan.data;
  return (
    <>
      <PlanFacts plan={p} />
      <section aria-labelledby="goals-title">
        <h2 id="goals-title">{t('plan.goalsTitle', { count: p.goals.length })}</h2>
        {p.goals.length === 0 && <p className="muted">{t('plan.noGoals')}</p>}
        <ol className="goal-list">
          {p.goals.map((g, i) => (
            <GoalCard key={g.id} goal={g} n={i + 1} canChange={canChange} />
          ))}
        </ol>
      </section>
      <AddGoal />
      <Versions plan={p} />
    </>
  );
}

function PlanFacts({ plan }: { plan: Plan }) {
  const { t, i18n } = useTranslation();
  const { kase } = useCaseContext();
  const announce = useAnnounce();
  const update = useUpdatePlan();
  const [editing, setEditing] = useState(false);
  const [review, setReview] = useState(plan.review_date ?? '');
  const [participation, setParticipation] = useState<Participation | ''>(plan.participation ?? '');
  const [agreement, setAgreement] = useState(plan.agreement);
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors(noErrors);
    try {
      await update.mutateAsync({ caseId: String(kase.id), review_date: review, participation, agreement: agreement.trim() });
      setEditing(false);
      announce(t('plan.saved'));
    } catch (err) {
      setErrors(problemToErrors(err, t, { review_date: 'plan-review', participation: 'plan-participation', agreement: 'plan-agreement' }, { forbidden: t('plan.readOnly') }));
    }
  }

  if (!editing) {
    return (
      <section className="card" aria-labelledby="plan-facts">
        <h2 id="plan-facts">{t('plan.title')}</h2>
        <dl className="summary-list">
          <div className="summary-list__row">
            <dt>{t('plan.reviewDate')}</dt>
            <dd>{plan.review_date ? formatDate(plan.review_date, i18n.language) : t('plan.notSet')}</dd>
          </div>
          <div className="summary-list__row">
            <dt>{t('plan.participation')}</dt>
            <dd>{plan.participation ? t(`participation.${plan.participation}`) : t('plan.notRecorded')}</dd>
          </div>
          <div className="summary-list__row">
            <dt>{t('plan.agreement')}</dt>
            <dd>{plan.agreement || t('plan.notRecorded')}</dd>
          </div>
        </dl>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setReview(plan.review_date ?? '');
            setParticipation(plan.participation ?? '');
            setAgreement(plan.agreement);
            setEditing(true);
          }}
        >
          {t('plan.editFacts')}
        </button>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="plan-facts">
      <h2 id="plan-facts">{t('plan.title')}</h2>
      <ErrorSummary items={errors.summary} />
      <form onSubmit={submit} noValidate className="form">
        <TextField id="plan-review" type="date" label={t('plan.reviewDate')} value={review} onChange={(e) => setReview(e.target.value)} error={errors.fields['plan-review']} />
        <SelectField id="plan-participation" label={t('plan.participation')} hint={t('plan.participationHint')} value={participation} onChange={(e) => setParticipation(e.target.value as Participation | '')} error={errors.fields['plan-participation']}>
          <option value="">{t('plan.notRecorded')}</option>
          {PARTICIPATIONS.map((x) => (
            <option key={x} value={x}>
              {t(`participation.${x}`)}
            </option>
          ))}
        </SelectField>
        <TextAreaField id="plan-agreement" label={t('plan.agreement')} hint={t('plan.agreementHint')} value={agreement} maxLength={2000} onChange={(e) => setAgreement(e.target.value)} error={errors.fields['plan-agreement']} />
        <FormActions pending={update.isPending} submitLabel={t('plan.saveFacts')} onCancel={() => setEditing(false)} />
      </form>
    </section>
  );
}

function GoalCard({ goal, n, canChange }: { goal: Goal; n: number; canChange: boolean }) {
  const { t } = useTranslation();
  const { kase } = useCaseContext();
  const announce = useAnnounce();
  const update = useUpdateGoal();
  const focus = useFocusReturn();
  const [error, setError] = useState<FormErrors>(noErrors);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState(false);
  const titleId = `goal-${goal.id}-title`;
  const closeEdit = () => {
    focus.returnTo('edit');
    setEditing(false);
  };
  return (
    <li className="card goal" aria-labelledby={titleId}>
      <p className="eyebrow">{t('plan.goalN', { n })}</p>
      <h3 id={titleId} className="goal__title">
        {goal.title}
      </h3>
      {editing ? (
        <EditGoal goal={goal} onDone={closeEdit} />
      ) : (
        <>
          {goal.in_own_words ? (
            <figure className="own-words">
              <figcaption>{t('plan.inOwnWords')}</figcaption>
              <blockquote>{goal.in_own_words}</blockquote>
            </figure>
          ) : (
            <p className="muted">{t('plan.noOwnWords')}</p>
          )}
          {canChange && (
            <p>
              <button type="button" className="button button--secondary" ref={focus.ref('edit')} onClick={() => setEditing(true)}>
                {t('plan.editGoal')}
                <span className="visually-hidden"> — {goal.title}</span>
              </button>
            </p>
          )}
        </>
      )}
      <ErrorSummary items={error.summary} />
      <SelectField
        id={`goal-${goal.id}-status`}
        label={t('plan.goalStatus')}
        value={goal.status}
        disabled={update.isPending}
        onChange={(e) => {
          const status = e.target.value as GoalStatus;
          update.mutate(
            { caseId: String(kase.id), goalId: goal.id, status },
            {
              onSuccess: () => {
                setError(noErrors);
                announce(t('plan.goalStatusSaved', { status: t(`goalStatus.${status}`) }));
              },
              onError: (err) => setError(problemToErrors(err, t, {}, { forbidden: t('plan.readOnly') })),
            },
          );
        }}
      >
        {GOAL_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`goalStatus.${s}`)}
          </option>
        ))}
      </SelectField>
      <h4>{t('plan.actionsTitle', { count: goal.actions.length })}</h4>
      {goal.actions.length === 0 ? (
        <p className="muted">{t('plan.noActions')}</p>
      ) : (
        <ul className="row-list">
          {goal.actions.map((a) => (
            <ActionRow key={a.id} action={a} />
          ))}
        </ul>
      )}
      {adding ? (
        <AddAction goal={goal} onDone={() => setAdding(false)} />
      ) : (
        <button type="button" className="button button--secondary button--wide" onClick={() => setAdding(true)}>
          {t('plan.addAction')}
          <span className="visually-hidden"> — {goal.title}</span>
        </button>
      )}
    </li>
  );
}

/** Changes a goal's short title and the person's own words; only what changed is sent. */
function EditGoal({ goal, onDone }: { goal: Goal; onDone: () => void }) {
  const { t } = useTranslation();
  const { kase } = useCaseContext();
  const announce = useAnnounce();
  const update = useUpdateGoal();
  const [title, setTitle] = useState(goal.title);
  const [words, setWords] = useState(goal.in_own_words ?? '');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const titleRef = useRef<HTMLInputElement>(null);
  const p = `goal-${goal.id}-edit`;

  // Into the form when it opens, so keyboard and screen reader users are where the work is.
  useEffect(() => {
    titleRef.current?.focus();
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const nextTitle = title.trim();
    const nextWords = words.trim();
    if (!nextTitle) {
      setErrors(fromFieldErrors({ [`${p}-title`]: t('plan.goalTitleRequired') }));
      return;
    }
    const changes = {
      ...(nextTitle !== goal.title ? { title: nextTitle } : {}),
      // An empty string clears the person's words.
      ...(nextWords !== (goal.in_own_words ?? '') ? { in_own_words: nextWords } : {}),
    };
    setErrors(noErrors);
    // Every PATCH makes a new version of the plan: nothing changed, nothing sent.
    if (Object.keys(changes).length === 0) {
      onDone();
      return;
    }
    try {
      await update.mutateAsync({ caseId: String(kase.id), goalId: goal.id, ...changes });
      announce(t('plan.goalSaved'));
      onDone();
    } catch (err) {
      setErrors(
        problemToErrors(
          err,
          t,
          { title: `${p}-title`, in_own_words: `${p}-words` },
          { forbidden: t('plan.readOnly') },
          { [`${p}-title`]: t('plan.goalTitleInvalid'), [`${p}-words`]: t('plan.inOwnWordsInvalid') },
        ),
      );
    }
  }

  return (
    <form onSubmit={submit} noValidate className="form subform" aria-label={t('plan.editGoalOf', { goal: goal.title })}>
      <ErrorSummary items={errors.summary} />
      <TextField ref={titleRef} id={`${p}-title`} label={t('plan.goalTitle')} hint={t('plan.goalTitleHint')} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} error={errors.fields[`${p}-title`]} />
      <TextAreaField id={`${p}-words`} label={t('plan.inOwnWordsLabel')} hint={t('plan.inOwnWordsEditHint')} value={words} maxLength={2000} onChange={(e) => setWords(e.target.value)} error={errors.fields[`${p}-words`]} />
      <FormActions pending={update.isPending} submitLabel={t('plan.saveGoal')} onCancel={onDone} />
    </form>
  );
}

function useOwnerName() {
  const { t } = useTranslation();
  const { kase } = useCaseContext();
  const agencies = useAgencies();
  return (a: PlanAction) => {
    if (a.owner_user_id) return kase.members.find((m) => String(m.user_id) === String(a.owner_user_id))?.display_name ?? t('plan.formerMember');
    return agencies.data?.items.find((x) => String(x.id) === String(a.owner_agency_id))?.name ?? t('plan.anAgency');
  };
}

function ActionRow({ action }: { action: PlanAction }) {
  const { t, i18n } = useTranslation();
  const { kase } = useCaseContext();
  const announce = useAnnounce();
  const update = useUpdateAction();
  const ownerName = useOwnerName();
  const [error, setError] = useState('');
  return (
    <li className="row-list__item row-list__item--wrap">
      <div className="row-list__text">
        <span className="row-list__title">{action.title}</span>
        <span className="row-list__meta">
          {[t('plan.owner', { name: ownerName(action) }), action.due_date ? t('plan.dueBy', { date: formatDate(action.due_date, i18n.language) }) : t('plan.noDate')].join(' · ')}
        </span>
        {error && (
          <span className="field__error" role="alert">
            {error}
          </span>
        )}
      </div>
      <SelectField
        id={`action-${action.id}-status`}
        label={t('plan.actionStatus')}
        value={action.status}
        disabled={update.isPending}
        onChange={(e) => {
          const status = e.target.value as ActionStatus;
          update.mutate(
            { caseId: String(kase.id), actionId: action.id, status },
            {
              onSuccess: () => {
                setError('');
                announce(t('plan.actionStatusSaved', { status: t(`actionStatus.${status}`) }));
              },
              onError: (err) => setError(problemToErrors(err, t, {}, { forbidden: t('plan.readOnly') }).summary[0]?.message ?? ''),
            },
          );
        }}
      >
        {ACTION_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`actionStatus.${s}`)}
          </option>
        ))}
      </SelectField>
    </li>
  );
}

function AddAction({ goal, onDone }: { goal: Goal; onDone: () => void }) {
  const { t } = useTranslation();
  const { kase } = useCaseContext();
  const announce = useAnnounce();
  const agencies = useAgencies();
  const add = useAddAction();
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const p = `action-${goal.id}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!title.trim()) fields[`${p}-title`] = t('plan.actionTitleRequired');
    if (!owner) fields[`${p}-owner`] = t('plan.ownerRequired');
    if (Object.keys(fields).length) {
      setErrors(fromFieldErrors(fields));
      return;
    }
    const [kind, id] = owner.split(':') as ['user' | 'agency', string];
    setErrors(noErrors);
    try {
      await add.mutateAsync({
        caseId: String(kase.id),
        goalId: goal.id,
        title: title.trim(),
        ...(kind === 'user' ? { owner_user_id: id } : { owner_agency_id: id }),
        ...(due ? { due_date: due } : {}),
      });
      announce(t('plan.actionAdded'));
      onDone();
    } catch (err) {
      setErrors(problemToErrors(err, t, { title: `${p}-title`, owner_user_id: `${p}-owner`, owner_agency_id: `${p}-owner`, due_date: `${p}-due` }, { forbidden: t('plan.readOnly') }));
    }
  }

  return (
    <form onSubmit={submit} noValidate className="form subform" aria-label={t('plan.addActionTo', { goal: goal.title })}>
      <ErrorSummary items={errors.summary} />
      <TextField id={`${p}-title`} label={t('plan.actionTitle')} hint={t('plan.actionTitleHint')} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} error={errors.fields[`${p}-title`]} />
      <SelectField id={`${p}-owner`} label={t('plan.actionOwner')} hint={t('plan.actionOwnerHint')} value={owner} onChange={(e) => setOwner(e.target.value)} error={errors.fields[`${p}-owner`]}>
        <option value="">{t('plan.chooseOwner')}</option>
        <optgroup label={t('plan.ownerMembers')}>
          {kase.members.map((m) => (
            <option key={m.user_id} value={`user:${m.user_id}`}>
              {m.display_name}
            </option>
          ))}
        </optgroup>
        <optgroup label={t('plan.ownerAgencies')}>
          {(agencies.data?.items ?? []).map((a) => (
            <option key={a.id} value={`agency:${a.id}`}>
              {a.name}
            </option>
          ))}
        </optgroup>
      </SelectField>
      <TextField id={`${p}-due`} type="date" label={t('plan.actionDue')} hint={t('plan.optional')} value={due} onChange={(e) => setDue(e.target.value)} error={errors.fields[`${p}-due`]} />
      <FormActions pending={add.isPending} submitLabel={t('plan.addActionSubmit')} onCancel={onDone} />
    </form>
  );
}

function AddGoal() {
  const { t } = useTranslation();
  const { kase } = useCaseContext();
  const announce = useAnnounce();
  const add = useAddGoal();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [words, setWords] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!title.trim()) {
      setErrors(fromFieldErrors({ 'goal-title': t('plan.goalTitleRequired') }));
      return;
    }
    setErrors(noErrors);
    try {
      await add.mutateAsync({ caseId: String(kase.id), title: title.trim(), ...(words.trim() ? { in_own_words: words.trim() } : {}) });
      setTitle('');
      setWords('');
      setOpen(false);
      announce(t('plan.goalAdded'));
    } catch (err) {
      setErrors(problemToErrors(err, t, { title: 'goal-title', in_own_words: 'goal-words' }, { forbidden: t('plan.readOnly') }));
    }
  }

  if (!open) {
    return (
      <p>
        <button type="button" className="button button--primary button--wide" onClick={() => setOpen(true)}>
          {t('plan.addGoal')}
        </button>
      </p>
    );
  }
  return (
    <section className="card" aria-labelledby="add-goal-title">
      <h2 id="add-goal-title">{t('plan.addGoal')}</h2>
      <ErrorSummary items={errors.summary} />
      <form onSubmit={submit} noValidate className="form">
        <TextAreaField id="goal-words" label={t('plan.inOwnWordsLabel')} hint={t('plan.inOwnWordsHint')} value={words} maxLength={2000} onChange={(e) => setWords(e.target.value)} error={errors.fields['goal-words']} />
        <TextField id="goal-title" label={t('plan.goalTitle')} hint={t('plan.goalTitleHint')} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} error={errors.fields['goal-title']} />
        <FormActions pending={add.isPending} submitLabel={t('plan.addGoalSubmit')} onCancel={() => setOpen(false)} />
      </form>
    </section>
  );
}

function Versions({ plan }: { plan: Plan }) {
  const { t, i18n } = useTranslation();
  const { kase } = useCaseContext();
  const [open, setOpen] = useState(false);
  const versions = usePlanVersions(String(kase.id), open);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [pair, setPair] = useState<{ from: number; to: number } | null>(null);
  const diff = useComparePlan(String(kase.id), pair);
  const items = versions.data?.items ?? [];
  // Goal titles from every snapshot, so a removed goal still has its name.
  const titles = new Map<string, string>();
  for (const v of [...items].reverse()) for (const g of v.snapshot.goals) titles.set(g.id, g.title);
  for (const g of plan.goals) titles.set(g.id, g.title);
  const name = (id: string) => titles.get(id) ?? t('plan.unknownGoal');

  return (
    <section className="card" aria-labelledby="versions-title">
      <details className="details" open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
        <summary>
          <h2 id="versions-title" className="details__heading">
            {t('plan.versionsTitle', { version: plan.version })}
          </h2>
        </summary>
        {plan.version === 0 ? (
          <p className="muted">{t('plan.noVersions')}</p>
        ) : !open ? null : versions.isPending ? (
          <SkeletonList rows={2} />
        ) : versions.isError ? (
          <Notice tone="error">{t('errors.loadFailed')}</Notice>
        ) : (
          <>
            <ul className="row-list">
              {items.map((v) => (
                <li key={v.version} className="row-list__item">
                  <span className="row-list__title">{t('plan.versionN', { n: v.version })}</span>
                  <span className="row-list__meta">{formatDateTime(v.at, i18n.language)}</span>
                </li>
              ))}
            </ul>
            {items.length > 1 && (
              <form
                className="form"
                noValidate
                onSubmit={(e) => {
                  e.preventDefault();
                  if (from && to) setPair({ from: Number(from), to: Number(to) });
                }}
              >
                <h3>{t('plan.compareTitle')}</h3>
                <div className="grid-2">
                  <SelectField id="compare-from" label={t('plan.compareFrom')} value={from} onChange={(e) => setFrom(e.target.value)}>
                    <option value="">{t('plan.chooseVersion')}</option>
                    {items.map((v) => (
                      <option key={v.version} value={v.version}>
                        {t('plan.versionN', { n: v.version })}
                      </option>
                    ))}
                  </SelectField>
                  <SelectField id="compare-to" label={t('plan.compareTo')} value={to} onChange={(e) => setTo(e.target.value)}>
                    <option value="">{t('plan.chooseVersion')}</option>
                    {items.map((v) => (
                      <option key={v.version} value={v.version}>
                        {t('plan.versionN', { n: v.version })}
                      </option>
                    ))}
                  </SelectField>
                </div>
                <div className="form__actions">
                  <button type="submit" className="button button--secondary" disabled={!from || !to}>
                    {t('plan.compare')}
                  </button>
                </div>
              </form>
            )}
            {pair && diff.isError && <Notice tone="error">{t('errors.loadFailed')}</Notice>}
            {pair && diff.data && (
              <div className="plan-diff" aria-live="polite">
                <h3>{t('plan.diffTitle', { from: diff.data.from, to: diff.data.to })}</h3>
                {diff.data.added_goals.length + diff.data.removed_goals.length + diff.data.changed_goals.length + diff.data.changed_fields.length === 0 ? (
                  <p>{t('plan.diffNone')}</p>
                ) : (
                  <dl className="summary-list">
                    {(
                      [
                        ['added', diff.data.added_goals],
                        ['removed', diff.data.removed_goals],
                        ['changed', diff.data.changed_goals],
                      ] as const
                    )
                      .filter(([, ids]) => ids.length > 0)
                      .map(([k, ids]) => (
                        <div className="summary-list__row" key={k}>
                          <dt>{t(`plan.diff.${k}`)}</dt>
                          <dd>
                            <ul>
                              {ids.map((id) => (
                                <li key={id}>{name(id)}</li>
                              ))}
                            </ul>
                          </dd>
                        </div>
                      ))}
                    {diff.data.changed_fields.length > 0 && (
                      <div className="summary-list__row">
                        <dt>{t('plan.diff.fields')}</dt>
                        <dd>{diff.data.changed_fields.map((f) => t(`plan.field.${f}`)).join(', ')}</dd>
                      </div>
                    )}
                  </dl>
                )}
              </div>
            )}
          </>
        )}
      </details>
    </section>
  );
}
