import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import type { CasePerson, Role } from '@/lib/types';
import { useUrgentMeasures } from './api/urgentMeasures';
import { MeasureCard } from './MeasureCard';
import { NewMeasureForm } from './NewMeasureForm';
import { IN_FORCE } from './types';

/** Section a: the case's urgent measures as timelines with live countdowns; police record new orders. */
export function UrgentMeasuresSection({ caseId, roles, people, canWrite }: { caseId: string; roles: readonly Role[]; people: CasePerson[]; canWrite: boolean }) {
  const { t } = useTranslation();
  const measures = useUrgentMeasures(caseId);
  const [adding, setAdding] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);
  const police = roles.includes('police_liaison');
  const items = measures.data?.items ?? [];
  const inForce = items.filter((m) => IN_FORCE.includes(m.status)).length;
  return (
    <section className="dv-section" id="dv-measures" aria-labelledby="dv-measures-title">
      <h2 id="dv-measures-title">{t('protection.measures.title')}</h2>
      <p className="muted">{t('protection.measures.intro')}</p>
      {measures.isPending ? (
        <SkeletonList rows={2} />
      ) : measures.isError && !measures.data ? (
        <Notice tone="error">{t('errors.loadFailed')}</Notice>
      ) : items.length === 0 ? (
        <p className="muted">{t('protection.measures.none')}</p>
      ) : (
        <>
          {inForce > 0 && (
            <p className="urgent-note">
              <span aria-hidden="true">⚠ </span>
              {t('protection.measures.inForce', { count: inForce })}
            </p>
          )}
          {items.map((m) => (
            <MeasureCard key={m.id} measure={m} caseId={caseId} roles={roles} people={people} canWrite={canWrite} />
          ))}
        </>
      )}
      {canWrite && police && !adding && (
        <p>
          <button type="button" ref={addButton} className="button button--primary button--large" onClick={() => setAdding(true)}>
            {t('protection.measures.add')}
          </button>
        </p>
      )}
      {adding && (
        <div className="card">
          <NewMeasureForm
            caseId={caseId}
            people={people}
            onDone={() => {
              setAdding(false);
              window.setTimeout(() => addButton.current?.focus(), 0);
            }}
          />
        </div>
      )}
    </section>
  );
}
