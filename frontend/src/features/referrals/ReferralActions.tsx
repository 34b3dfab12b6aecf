import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorSummary } from '@/components/ErrorSummary';
import { TextAreaField } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { useAnnounce } from '@/components/Status';
import { useFocusReturn } from '@/components/useFocusReturn';
import { isApiError } from '@/lib/api';
import { fromFieldErrors, noErrors, problemToErrors, type FormErrors } from '@/lib/formErrors';
import { useActOnReferral } from './api/actOnReferral';
import { allowedActions, type Referral, type ReferralAction } from './types';

/** Steps that need a second look (and take a note): they cannot be undone. */
type Confirmed = 'reject' | 'complete' | 'cancel';
const CONFIRMED: readonly ReferralAction[] = ['reject', 'complete', 'cancel'];

type Problem = { kind: 'conflict' } | { kind: 'message'; message: string };

/**
 * The buttons the caller's side may use in the referral's state: the receiving agency accepts
 * or rejects (with a reason), then starts and completes; the requesting agency may cancel
 * until it is finished. Reject, complete and cancel ask first.
 */
export function ReferralActions({ referral: r, onReload }: { referral: Referral; onReload: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const act = useActOnReferral();
  const focus = useFocusReturn();
  const [open, setOpen] = useState<Confirmed | null>(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [accepted, setAccepted] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);
  const actions = allowedActions(r);

  useEffect(() => {
    if (accepted) resultRef.current?.focus();
  }, [accepted]);

  const close = () => {
    if (open) focus.returnTo(open);
    setOpen(null);
    setNote('');
    setErrors(noErrors);
  };

  const run = (action: ReferralAction, text?: string) => {
    setProblem(null);
    act.mutate(
      { id: r.id, action, note: text },
      {
        onSuccess: (next) => {
          setOpen(null);
          setNote('');
          setErrors(noErrors);
          if (action === 'accept') setAccepted(true);
          announce(t(`referrals.done.${action}`, { status: t(`referrals.status.${next.status}`) }));
        },
        onError: (e) => {
          if (isApiError(e) && e.status === 409) {
            setOpen(null);
            setProblem({ kind: 'conflict' });
            return;
          }
          const mapped = problemToErrors(
            e,
            t,
            { reason: 'referral-note', note: 'referral-note' },
            { forbidden: t('referrals.errors.forbidden'), not_found: t('referrals.errors.notFound') },
            { 'referral-note': action === 'reject' ? t('referrals.rejectReasonInvalid') : t('referrals.noteTooLong') },
          );
          if (open && Object.keys(mapped.fields).length > 0) setErrors(mapped);
          else setProblem({ kind: 'message', message: mapped.summary[0]?.message ?? t('errors.internal') });
        },
      },
    );
  };

  const submitConfirmed = (e: FormEvent) => {
    e.preventDefault();
    if (!open) return;
    if (open === 'reject' && !note.trim()) {
      setErrors(fromFieldErrors({ 'referral-note': t('referrals.rejectReasonRequired') }));
      return;
    }
    if (note.trim().length > 2000) {
      setErrors(fromFieldErrors({ 'referral-note': open === 'reject' ? t('referrals.rejectReasonInvalid') : t('referrals.noteTooLong') }));
      return;
    }
    setErrors(noErrors);
    run(open, note);
  };

  return (
    <section className="card referral-actions" aria-labelledby="referral-actions-title">
      <h2 id="referral-actions-title">{t('referrals.actionsTitle')}</h2>
      {accepted && r.case_title && (
        <div ref={resultRef} tabIndex={-1} className="referral-actions__result">
          <Notice tone="success" title={t('referrals.acceptedTitle')}>
            <p>{t('referrals.acceptedBody')}</p>
            <p>
              <Link to={`/cases/${r.case_id}`} className="button button--primary">
                {t('referrals.openCase')}
              </Link>
            </p>
          </Notice>
        </div>
      )}
      {problem && (
        <div role="alert">
          {problem.kind === 'conflict' ? (
            <Notice tone="warning" title={t('referrals.errors.conflict')}>
              <p>
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => {
                    setProblem(null);
                    onReload();
                  }}
                >
                  {t('referrals.reload')}
                </button>
              </p>
            </Notice>
          ) : (
            <Notice tone="error">{problem.message}</Notice>
          )}
        </div>
      )}
      {open ? (
        <form className="confirm referral-confirm" onSubmit={submitConfirmed} noValidate aria-labelledby="referral-confirm-question" onKeyDown={(e) => {
          if (e.key === 'Escape' && !act.isPending) {
            e.stopPropagation();
            close();
          }
        }}>
          <p id="referral-confirm-question" className="confirm__question">
            <span aria-hidden="true">⚠ </span>
            <strong>{t(`referrals.confirm.${open}.question`)}</strong>
          </p>
          <p className="confirm__detail">{t(`referrals.confirm.${open}.detail`)}</p>
          <ErrorSummary items={errors.summary} />
          <TextAreaField
            id="referral-note"
            label={t(`referrals.confirm.${open}.note`)}
            hint={t(`referrals.confirm.${open}.noteHint`)}
            value={note}
            rows={4}
            onChange={(e) => setNote(e.target.value)}
            error={errors.fields['referral-note']}
            autoFocus={open === 'reject'}
          />
          <div className="button-row confirm__actions">
            <button type="submit" className="button button--warning" disabled={act.isPending}>
              {act.isPending ? t('common.working') : t(`referrals.confirm.${open}.yes`)}
            </button>
            <button type="button" className="button button--secondary" onClick={close} disabled={act.isPending} autoFocus={open !== 'reject'}>
              {t('common.back')}
            </button>
          </div>
        </form>
      ) : actions.length === 0 ? (
        <p className="muted">{t(r.side ? `referrals.nothingToDo.${r.status}` : 'referrals.notYourSide')}</p>
      ) : (
        <>
          <p className="muted">{t(`referrals.next.${r.side}.${r.status}`)}</p>
          <div className="button-row referral-actions__buttons">
            {actions.map((a) => {
              const primary = a === 'accept' || a === 'start' || (a === 'complete' && actions.length === 1);
              return (
                <button
                  key={a}
                  type="button"
                  ref={focus.ref(a)}
                  className={`button ${primary ? 'button--primary' : 'button--secondary'} button--large`}
                  disabled={act.isPending}
                  onClick={() => {
                    setProblem(null);
                    if (CONFIRMED.includes(a)) setOpen(a as Confirmed);
                    else run(a);
                  }}
                >
                  {act.isPending && act.variables?.action === a ? t('common.working') : t(`referrals.action.${a}`)}
                </button>
              );
            })}
          </div>
        </>
      )}
    </section>
  );
}
