import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { UrgentMeasure } from '../types';
import { urgentMeasuresKey } from './urgentMeasures';

/** The steps after the order, each with its route and the name of its event time. */
export const MEASURE_STEPS = {
  serve: { method: 'PATCH', path: '', timeField: 'served_at' },
  propose: { method: 'POST', path: '/proposal', timeField: 'proposed_at' },
  decide: { method: 'POST', path: '/decision', timeField: 'decided_at' },
  appeal: { method: 'POST', path: '/appeals', timeField: 'filed_at' },
  appeal_forward: { method: 'POST', path: '/appeal-forward', timeField: 'forwarded_at' },
  appeal_decide: { method: 'POST', path: '/appeal-decision', timeField: 'decided_at' },
  breach: { method: 'POST', path: '/breaches', timeField: 'occurred_at' },
} as const;
export type MeasureStep = keyof typeof MEASURE_STEPS;

export type MeasureStepInput = { id: string; step: MeasureStep; at: string; outcome?: string; note?: string };

/**
 * PATCH /urgent-measures/{id} {served_at} and POST /urgent-measures/{id}/proposal {proposed_at},
 * /decision {outcome, decided_at}, /appeals {filed_at}, /appeal-forward {forwarded_at},
 * /appeal-decision {outcome, decided_at}, /breaches {occurred_at, note}: one call, the same
 * answer (200 with the measure). 422 names the time field (missing, in the future, before the
 * step it follows, past its deadline), outcome or note; 403 for the wrong role; 409 from a
 * status that does not allow the step.
 */
export function recordMeasureStep({ id, step, at, outcome, note }: MeasureStepInput): Promise<UrgentMeasure> {
  const s = MEASURE_STEPS[step];
  const body: Record<string, string> = { [s.timeField]: at };
  if (outcome) body.outcome = outcome;
  if (note) body.note = note;
  return apiFetch<UrgentMeasure>(`/urgent-measures/${encodeURIComponent(id)}${s.path}`, { method: s.method, body });
}

export function useRecordMeasureStep(caseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: recordMeasureStep,
    onSuccess: (m) => {
      qc.setQueryData<List<UrgentMeasure>>(urgentMeasuresKey(caseId), (old) => (old ? { ...old, items: old.items.map((x) => (x.id === m.id ? m : x)) } : old));
      void qc.invalidateQueries({ queryKey: urgentMeasuresKey(caseId) });
      // A breach makes the case repeat: its header may change.
      void qc.invalidateQueries({ queryKey: ['cases', 'detail', caseId], exact: true });
    },
    // A 409 means the measure moved on (another step, its expiry): show it as it is now.
    onError: () => void qc.invalidateQueries({ queryKey: urgentMeasuresKey(caseId) }),
  });
}
