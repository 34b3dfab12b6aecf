import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';

/** One event from a partner system waiting at the agency (docs/api-inbound.md); event is the partner's JSON, JMBG masked. */
export type IntakeItem = {
  id: string;
  event_type: string;
  person_name: string;
  created_at: string;
  taken_by: string | null;
  taken_at: string | null;
  event: string;
};

export const intakeKey = ['intake'] as const;

/** GET /intake: the caller's agency's intake items, open ones first. */
export function useIntake() {
  return useQuery({ queryKey: intakeKey, queryFn: ({ signal }) => apiFetch<List<IntakeItem>>('/intake', { signal }) });
}

/** POST /intake/{id}/take: 204; 409 when a colleague took it first, 404 for another agency's item. */
export function useTakeIntake() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(`/intake/${encodeURIComponent(id)}/take`, { method: 'POST' }),
    onSettled: () => qc.invalidateQueries({ queryKey: intakeKey }),
  });
}
