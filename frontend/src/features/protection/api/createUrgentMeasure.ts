import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { MeasureKind, UrgentMeasure } from '../types';
import { urgentMeasuresKey } from './urgentMeasures';

export type NewUrgentMeasure = { kind: MeasureKind; order_number?: string; issued_at: string; served_at?: string; perpetrator_id?: string };

/**
 * POST /cases/{id}/urgent-measures, by a police liaison: 201 with the measure; 422 names kind,
 * order_number, issued_at, served_at or perpetrator_id (a perpetrator under 18 is refused: the
 * child-protection pathway); 403 for other roles and under emergency access.
 */
export function createUrgentMeasure({ caseId, ...body }: NewUrgentMeasure & { caseId: string }): Promise<UrgentMeasure> {
  return apiFetch<UrgentMeasure>(`/cases/${encodeURIComponent(caseId)}/urgent-measures`, { method: 'POST', body });
}

export function useCreateUrgentMeasure(caseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewUrgentMeasure) => createUrgentMeasure({ caseId, ...body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: urgentMeasuresKey(caseId) }),
  });
}
