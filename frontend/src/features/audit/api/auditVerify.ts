import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';

export type ChainHealth = {
  ok: boolean;
  checked: number;
  chains: number;
  broken: null | { chain_id: string; seq: number; event_id: string; reason: string };
};

/** GET /audit/verify: walks every hash chain and names the first broken link. */
export function verifyAudit(signal?: AbortSignal): Promise<ChainHealth> {
  return apiFetch<ChainHealth>('/audit/verify', { signal });
}

export const auditVerifyQuery = () =>
  queryOptions({ queryKey: ['audit', 'verify'], queryFn: ({ signal }) => verifyAudit(signal), staleTime: 30_000 });

export function useAuditVerify() {
  return useQuery(auditVerifyQuery());
}
