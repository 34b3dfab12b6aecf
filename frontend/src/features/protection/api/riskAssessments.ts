import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { RiskAssessment } from '../types';
import { protectionKey } from './keys';

export const riskAssessmentsKey = (caseId: string) => [...protectionKey, 'risk', caseId] as const;

/** GET /cases/{id}/risk-assessments: the police's assessments of the case, newest first. */
export function getRiskAssessments(caseId: string, signal?: AbortSignal): Promise<List<RiskAssessment>> {
  return apiFetch<List<RiskAssessment>>(`/cases/${encodeURIComponent(caseId)}/risk-assessments`, { signal });
}

export const riskAssessmentsQuery = (caseId: string) =>
  queryOptions({ queryKey: riskAssessmentsKey(caseId), queryFn: ({ signal }) => getRiskAssessments(caseId, signal) });

export function useRiskAssessments(caseId: string) {
  return useQuery(riskAssessmentsQuery(caseId));
}
