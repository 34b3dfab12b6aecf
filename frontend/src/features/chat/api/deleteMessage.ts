import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Message } from '../types';
import { storeMessages } from './messages';

/** DELETE /messages/{id}: leaves a tombstone ("Message deleted"); auditors keep what it said. */
export function deleteMessage(id: string): Promise<Message> {
  return apiFetch<Message>(`/messages/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function useDeleteMessage(caseId: string) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: deleteMessage, onSuccess: (m) => storeMessages(qc, caseId, [m]) });
}
