import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Sensitivity } from '@/lib/types';
import type { Promoted, PromotionKind } from '../types';
import { caseDetailKey } from './keys';

export type PromoteInput = {
  id: string;
  kind: PromotionKind;
  title?: string;
  assignee_id?: string;
  due_at?: string;
  sensitivity?: Sensitivity;
  goal_id?: string;
  owner_user_id?: string;
  due_date?: string;
};

/** POST /messages/{id}/promote: a task, a timeline entry or a plan action made from a message. */
export function promoteMessage({ id, ...body }: PromoteInput): Promise<Promoted> {
  return apiFetch<Promoted>(`/messages/${encodeURIComponent(id)}/promote`, { method: 'POST', body });
}

export function usePromoteMessage(caseId: string) {
  const qc = useQueryClient();
  // The case's tasks, timeline and plan live under its detail key: read them again when shown.
  return useMutation({ mutationFn: promoteMessage, onSuccess: () => qc.invalidateQueries({ queryKey: caseDetailKey(caseId) }) });
}
