import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';

export const SYSTEM_KINDS = ['police_dispatch', 'hospital', 'residential_care'] as const;
export type SystemKind = (typeof SYSTEM_KINDS)[number];

/** A registered partner system (docs/api-inbound.md); never with its secret. */
export type PartnerSystem = { id: string; name: string; kind: SystemKind | (string & {}); agency_id: string; created_at: string; rotated_at: string | null };

/** The system and its secret: shown this once, when registered or rotated. */
export type SystemCredentials = { system: PartnerSystem; secret: string };

export type SystemInput = { name: string; kind: SystemKind; agency_id: string };

export const systemsKey = ['inbound-systems'] as const;

/** GET /inbound/systems. */
export function useSystems() {
  return useQuery({ queryKey: systemsKey, queryFn: ({ signal }) => apiFetch<List<PartnerSystem>>('/inbound/systems', { signal }) });
}

/** POST /inbound/systems: 201 with the secret; 422 names name, kind or agency_id; 409 for a name in use. */
export function useRegisterSystem() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SystemInput) => apiFetch<SystemCredentials>('/inbound/systems', { method: 'POST', body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: systemsKey }),
  });
}

/** POST /inbound/systems/{id}/rotate: a new secret; the old one stays valid for a day. */
export function useRotateSystem() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<SystemCredentials>(`/inbound/systems/${encodeURIComponent(id)}/rotate`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: systemsKey }),
  });
}
