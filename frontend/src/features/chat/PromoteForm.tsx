import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorSummary } from '@/components/ErrorSummary';
import { SelectField, TextField } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { belgradeLocalToUtc } from '@/lib/format';
import { fromFieldErrors, noErrors, problemToErrors, type FormErrors } from '@/lib/formErrors';
import type { CaseMember, Sensitivity } from '@/lib/types';
import { useGoals } from './api/goals';
import { usePromoteMessage } from './api/promoteMessage';
import type { Message, Promoted, PromotionKind } from './types';

type Props = {
  kind: PromotionKind;
  message: Message;
  caseId: string;
  members: CaseMember[];
  allowed: Sensitivity[];
  meId: string;
  onClose: () => void;
};

/** Where the item made from a message is shown. */
export function promotedHref(p: Promoted): string {
  const base = `/cases/${p.case_id}`;
  if (p.kind === 'task') return `${base}/tasks`;
  if (p.kind === 'entry') return `${base}/timeline#entry-${p.id}`;
  return `${base}/plan`;
}

/**
 * A short form under a message that makes it a task (title, who, by when), a timeline entry
 * (who may read it) or a plan action (which goal, who); then a link to what was made. Escape
 * closes it.
 */
export function PromoteForm({ kind, message, caseId, members, allowed, meId, onClose }: Props) {
  const { t } = useTranslation();
  const promote = usePromoteMessage(caseId);
  const goals = useGoals(caseId, kind === 'action');
  const p = `promote-${message.id}`;
  const firstLine = message.body.split('\n')[0]!.trim().slice(0, 200);
  const [title, setTitle] = useState(firstLine);
  const [assignee, setAssignee] = useState(meId);
  const [due, setDue] = useState('');
  const [sensitivity, setSensitivity] = useState<Sensitivity>(allowed.includes(message.sensitivity) ? message.sensitivity : 'general');
  const [goal, setGoal] = useState('');
  const [owner, setOwner] = useState(meId);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [done, setDone] = useState<Promoted | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const doneRef = useRef<HTMLAnchorElement>(null);

  useEffect(() => headingRef.current?.focus(), []);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  const goalId = goal || goals.data?.[0]?.id || '';

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (kind !== 'entry' && !title.trim()) local[`${p}-title`] = t('chat.promote.titleRequired');
    if (kind === 'action' && !goalId) local[`${p}-goal`] = t('chat.promote.goalRequired');
    if (Object.keys(local).length) {
      setErrors(fromFieldErrors(local));
      return;
    }
    setErrors(noErrors);
    try {
      const out = await promote.mutateAsync({
        id: message.id,
        kind,
        ...(kind === 'task' ? { title: title.trim(), assignee_id: assignee, ...(due ? { due_at: belgradeLocalToUtc(due) } : {}) } : {}),
        ...(kind === 'entry' ? { sensitivity } : {}),
        ...(kind === 'action' ? { title: title.trim(), goal_id: String(goalId), owner_user_id: owner } : {}),
      });
      setDone(out);
    } catch (err) {
      setErrors(
        problemToErrors(err, t, {
          title: `${p}-title`,
          assignee_id: `${p}-assignee`,
          due_at: `${p}-due`,
          sensitivity: `${p}-sensitivity`,
          goal_id: `${p}-goal`,
          owner_user_id: `${p}-owner`,
        }),
      );
    }
  }

  return (
    <div
      className="chat-promote"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <h4 className="chat-promote__title" tabIndex={-1} ref={headingRef} id={`${p}-heading`}>
        {t(`chat.promote.${kind}Title`)}
      </h4>
      {done ? (
        <Notice tone="success" role="status" title={t(`chat.promote.${kind}Done`)}>
          <p>
            <Link to={promotedHref(done)} ref={doneRef}>
              {t(`chat.promote.${kind}Open`)}
            </Link>
          </p>
          <button type="button" className="button button--secondary button--small" onClick={onClose}>
            {t('chat.promote.close')}
          </button>
        </Notice>
      ) : (
        <>
          <ErrorSummary items={errors.summary} />
          <form onSubmit={submit} noValidate className="form" aria-labelledby={`${p}-heading`}>
            {kind !== 'entry' && (
              <TextField id={`${p}-title`} label={t('chat.promote.title')} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} error={errors.fields[`${p}-title`]} />
            )}
            {kind === 'task' && (
              <>
                <SelectField id={`${p}-assignee`} label={t('chat.promote.assignee')} value={assignee} onChange={(e) => setAssignee(e.target.value)} error={errors.fields[`${p}-assignee`]}>
                  {members.map((m) => (
                    <option key={m.user_id} value={String(m.user_id)}>
                      {m.display_name}
                    </option>
                  ))}
                </SelectField>
                <TextField id={`${p}-due`} type="datetime-local" label={t('chat.promote.due')} hint={t('chat.promote.optional')} value={due} onChange={(e) => setDue(e.target.value)} error={errors.fields[`${p}-due`]} />
              </>
            )}
            {kind === 'entry' && (
              <>
                <p className="chat-promote__quote">{message.body}</p>
                <SelectField
                  id={`${p}-sensitivity`}
                  label={t('chat.promote.sensitivity')}
                  value={sensitivity}
                  onChange={(e) => setSensitivity(e.target.value as Sensitivity)}
                  error={errors.fields[`${p}-sensitivity`]}
                >
                  {allowed.map((s) => (
                    <option key={s} value={s}>
                      {t(`sensitivityOption.${s}`)}
                    </option>
                  ))}
                </SelectField>
              </>
            )}
            {kind === 'action' && (
              <>
                {goals.isPending ? (
                  <p className="muted">{t('common.loading')}</p>
                ) : goals.isError ? (
                  <Notice tone="error">{t('errors.loadFailed')}</Notice>
                ) : goals.data.length === 0 ? (
                  <Notice>{t('chat.promote.noGoals')}</Notice>
                ) : (
                  <SelectField id={`${p}-goal`} label={t('chat.promote.goal')} value={String(goalId)} onChange={(e) => setGoal(e.target.value)} error={errors.fields[`${p}-goal`]}>
                    {goals.data.map((g) => (
                      <option key={g.id} value={String(g.id)}>
                        {g.title}
                      </option>
                    ))}
                  </SelectField>
                )}
                <SelectField id={`${p}-owner`} label={t('chat.promote.owner')} value={owner} onChange={(e) => setOwner(e.target.value)} error={errors.fields[`${p}-owner`]}>
                  {members.map((m) => (
                    <option key={m.user_id} value={String(m.user_id)}>
                      {m.display_name}
                    </option>
                  ))}
                </SelectField>
              </>
            )}
            <div className="button-row">
              <button type="submit" className="button button--primary button--small" disabled={promote.isPending || (kind === 'action' && !goalId)}>
                {promote.isPending ? t('common.working') : t(`chat.promote.${kind}Submit`)}
              </button>
              <button type="button" className="button button--secondary button--small" onClick={onClose}>
                {t('common.cancel')}
              </button>
            </div>
          </form>
        </>
      )}
    </div>
  );
}
