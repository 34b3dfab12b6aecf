import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Message } from '../types';
import { storeMessages } from './messages';

/** PATCH /messages/{id}: the author changes the text; the earlier text stays as a version. */
export function editMessage({ id, body }: { id: string; body: string }): Promise<Message> {
  return apiFetch<Message>(`/messages/${encodeURIComponent(id)}`, { method: 'PATCH', body: { body } });
}

export function useEditMessage(caseId: string) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: editMessage, onSuccess: (m) => storeMessages(qc, caseId, [m]) });
}
