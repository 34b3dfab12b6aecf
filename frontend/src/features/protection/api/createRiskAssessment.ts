import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { FactorAnswer, RiskAssessment, RiskFactor } from '../types';
import { caseDetailKey } from './keys';
import { riskAssessmentsKey } from './riskAssessments';

export type NewRiskAssessment = {
  assessed_at: string;
  factors: Record<RiskFactor, FactorAnswer>;
  immediate_danger: boolean;
  notes?: string;
  /** A public prosecutor's office or a Center for Social Work; left out: not sent. */
  sent_to?: string;
};

/**
 * POST /cases/{id}/risk-assessments, by the police liaison: 201 with the assessment; immediate
 * danger raises the case's risk to at least high. 422 names assessed_at, factors.<name>,
 * immediate_danger, notes or sent_to; 403 for other roles; 409 on a case of another category.
 */
export function createRiskAssessment({ caseId, ...body }: NewRiskAssessment & { caseId: string }): Promise<RiskAssessment> {
  return apiFetch<RiskAssessment>(`/cases/${encodeURIComponent(caseId)}/risk-assessments`, { method: 'POST', body });
}

export function useCreateRiskAssessment(caseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewRiskAssessment) => createRiskAssessment({ caseId, ...body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: riskAssessmentsKey(caseId) });
      void qc.invalidateQueries({ queryKey: caseDetailKey(caseId), exact: true });
    },
  });
}
