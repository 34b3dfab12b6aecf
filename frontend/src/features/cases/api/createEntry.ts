import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Entry, Sensitivity } from '@/lib/types';
import { entriesKey } from './entries';

export type CreateEntryInput = { caseId: string; body: string; sensitivity: Sensitivity; corrects_id?: string; incident_at?: string };

/** POST /cases/{id}/entries: entries are never edited; a correction points at what it corrects. */
export function createEntry({ caseId, ...body }: CreateEntryInput): Promise<Entry> {
  return apiFetch<Entry>(`/cases/${encodeURIComponent(caseId)}/entries`, { method: 'POST', body });
}

export function useCreateEntry() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: createEntry, onSuccess: (_e, { caseId }) => qc.invalidateQueries({ queryKey: entriesKey(caseId) }) });
}
