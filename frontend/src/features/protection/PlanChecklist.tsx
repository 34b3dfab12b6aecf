import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isComplete, planGaps } from './completeness';
import type { ProtectionPlan } from './types';

function Item({ ok, children }: { ok: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <li className={`dv-check dv-check--${ok ? 'ok' : 'missing'}`}>
      <span className="dv-check__icon" aria-hidden="true">
        {ok ? '✓' : '✗'}
      </span>
      <span className="visually-hidden">{ok ? t('protection.checklist.done') : t('protection.checklist.missing')}: </span>
      <span>{children}</span>
    </li>
  );
}

/**
 * What the plan still needs before the group can adopt it at a meeting, item by item with an
 * icon and a word: every measure with its agency, person and deadline; the monitoring part;
 * the victim's participation.
 */
export function PlanChecklist({ plan }: { plan: ProtectionPlan }) {
  const { t } = useTranslation();
  const g = planGaps(plan);
  const complete = isComplete(g);
  const titleId = `plan-${plan.id}-checklist`;
  return (
    <div className={`dv-checklist${complete ? ' dv-checklist--complete' : ''}`} role="group" aria-labelledby={titleId}>
      <h4 id={titleId}>{complete ? t('protection.checklist.complete') : t('protection.checklist.incomplete')}</h4>
      <ul className="plain-list">
        <Item ok={g.hasMeasures}>{t('protection.checklist.measures')}</Item>
        {g.measures.map((m) => (
          <Item key={m.id} ok={m.missing.length === 0}>
            {m.missing.length === 0
              ? t('protection.checklist.measureOk', { measure: m.description })
              : t('protection.checklist.measureMissing', { measure: m.description, missing: m.missing.map((x) => t(`protection.checklist.gap.${x}`)).join(', ') })}
          </Item>
        ))}
        <Item ok={g.monitoring}>{t('protection.checklist.monitoring')}</Item>
        <Item ok={g.participation}>{t('protection.checklist.participation')}</Item>
      </ul>
      {!complete && <p className="muted">{t('protection.checklist.adoptHint')}</p>}
    </div>
  );
}
