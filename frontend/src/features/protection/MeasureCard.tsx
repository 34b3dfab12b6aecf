import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/lib/format';
import type { CasePerson, Role } from '@/lib/types';
import type { MeasureStep } from './api/recordMeasureStep';
import { Countdown } from './Countdown';
import { allowedSteps, measureDeadlines } from './measureRules';
import { MeasureStepForm } from './MeasureStepForm';
import { useNow } from './time';
import { IN_FORCE, type MeasureStatus, type UrgentMeasure } from './types';

const KNOWN_ACTIONS = ['issue', 'serve', 'propose', 'decide', 'appeal', 'appeal_forward', 'appeal_decide', 'breach', 'expire'];

/** The status in words; a measure in force in the urgent colour with an icon, never colour alone. */
export function MeasureStatusTag({ status }: { status: MeasureStatus }) {
  const { t } = useTranslation();
  const inForce = IN_FORCE.includes(status);
  return (
    <span className={`tag ${inForce ? 'tag--urgent' : 'tag--neutral'} dv-status`}>
      {inForce && <span aria-hidden="true">⚠ </span>}
      {t(`protection.measureStatus.${status}`)}
    </span>
  );
}

/** The red warning that the court's deadline falls after the 48-hour expiry. */
export function CourtAfterExpiry({ measure }: { measure: UrgentMeasure }) {
  const { t, i18n } = useTranslation();
  if (!measure.court_after_expiry) return null;
  return (
    <div className="dv-alarm" role="note" aria-label={t('protection.courtAfterExpiry.label')}>
      <span className="dv-alarm__icon" aria-hidden="true">
        ⚠
      </span>
      <div>
        <p className="dv-alarm__title">{t('protection.courtAfterExpiry.title')}</p>
        <p>
          {t('protection.courtAfterExpiry.body', {
            expires: measure.expires_at ? formatDateTime(measure.expires_at, i18n.language) : '—',
            decision: measure.decision_due_at ? formatDateTime(measure.decision_due_at, i18n.language) : '—',
          })}
        </p>
        <p>{t('protection.courtAfterExpiry.next')}</p>
      </div>
    </div>
  );
}

/**
 * One urgent measure: what it is, where it stands, its live countdowns, the warning when the
 * court may decide too late, the steps the user may record, and its timeline (each step with
 * when it happened and when it was recorded).
 */
export function MeasureCard({ measure: m, caseId, roles, people, canWrite }: { measure: UrgentMeasure; caseId: string; roles: readonly Role[]; people: CasePerson[]; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const [open, setOpen] = useState<MeasureStep | null>(null);
  const buttons = useRef<Partial<Record<MeasureStep, HTMLButtonElement | null>>>({});
  const deadlines = measureDeadlines(m, now);
  const steps = canWrite ? allowedSteps(m, roles, now) : [];
  const perpetrator = people.find((p) => p.person.id === m.perpetrator_id)?.person;
  const titleId = `measure-${m.id}-title`;
  const close = (step: MeasureStep) => {
    setOpen(null);
    // Back to the button that opened the form (if the step is still offered).
    window.setTimeout(() => buttons.current[step]?.focus(), 0);
  };
  return (
    <article className={`card dv-measure${IN_FORCE.includes(m.status) ? ' dv-measure--in-force' : ''}`} aria-labelledby={titleId}>
      <div className="dv-measure__head">
        <h3 id={titleId}>{t(`protection.measureKind.${m.kind}`)}</h3>
        <MeasureStatusTag status={m.status} />
      </div>
      <p className="muted dv-measure__facts">
        {m.order_number ? t('protection.measure.order', { number: m.order_number }) : t('protection.measure.noOrder')}
        {perpetrator && <> · {t('protection.measure.against', { name: `${perpetrator.first_name} ${perpetrator.last_name}` })}</>}
      </p>
      <CourtAfterExpiry measure={m} />
      {m.status === 'issued' && <p className="dv-note">{t('protection.measure.notServed')}</p>}
      {deadlines.length > 0 && (
        <section className="dv-deadlines" aria-label={t('protection.measure.deadlines')}>
          {deadlines.map((d) => (
            <Countdown key={d.kind} kind={d.kind} at={d.at} from={d.from} now={now} />
          ))}
        </section>
      )}
      {m.status === 'extended' && m.extended_until && <p className="dv-note">{t('protection.measure.extendedNote')}</p>}
      {m.status === 'expired' && m.ended_at && <p className="dv-note">{t('protection.measure.ended', { when: formatDateTime(m.ended_at, i18n.language) })}</p>}
      {steps.length > 0 && (
        <div className="dv-steps">
          {open ? (
            <MeasureStepForm key={open} measure={m} step={open} caseId={caseId} onDone={() => close(open)} />
          ) : (
            <div className="button-row">
              {steps.map((s) => (
                <button
                  key={s}
                  type="button"
                  ref={(el) => {
                    buttons.current[s] = el;
                  }}
                  className={`button ${s === 'propose' || s === 'serve' || s === 'decide' ? 'button--primary' : 'button--secondary'}`}
                  onClick={() => setOpen(s)}
                >
                  {t(`protection.step.${s}.open`)}
                </button>
              ))}
            </div>
          )}
        </div>
      )}
      <h4 id={`${titleId}-timeline`}>{t('protection.measure.timeline')}</h4>
      <ol className="dv-timeline" aria-labelledby={`${titleId}-timeline`}>
        {m.events.map((e) => (
          <li key={e.seq} className={`dv-timeline__item${e.action === 'breach' ? ' dv-timeline__item--breach' : ''}`}>
            <p className="dv-timeline__what">
              {e.action === 'breach' && <span aria-hidden="true">⚠ </span>}
              {t(`protection.event.${KNOWN_ACTIONS.includes(e.action) ? e.action : 'other'}`)}
              {outcomeOf(e.note) && <> — {t(`protection.outcome.${outcomeOf(e.note)}`)}</>}
            </p>
            <p className="muted dv-timeline__when">
              {e.occurred_at && (
                <>
                  {t('protection.event.happened')} <time dateTime={e.occurred_at}>{formatDateTime(e.occurred_at, i18n.language, now)}</time>
                  {' · '}
                </>
              )}
              {t('protection.event.recorded')} <time dateTime={e.recorded_at}>{formatDateTime(e.recorded_at, i18n.language, now)}</time>
              {e.actor_name && <> · {t('protection.event.by', { name: e.actor_name })}</>}
            </p>
            {e.note && !outcomeOf(e.note) && <p className="prewrap dv-timeline__note">{e.note}</p>}
          </li>
        ))}
      </ol>
    </article>
  );
}

/** The server keeps a step's outcome as its note when nothing else was written. */
function outcomeOf(note: string): string | null {
  return ['extended', 'rejected', 'upheld', 'overturned'].includes(note) ? note : null;
}
