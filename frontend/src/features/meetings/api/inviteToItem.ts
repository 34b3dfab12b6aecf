import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Invitee } from '../types';
import { refetchMeeting } from './meeting';

export type Invitation = { meetingId: string; itemId: string; userId: string };

/**
 * POST /meetings/{id}/items/{item_id}/invitations {user_id}: 201 {items: the item's invitees};
 * 422 on user_id for a member of the group, the chair, or someone not active.
 */
export function inviteToItem({ meetingId, itemId, userId }: Invitation): Promise<{ items: Invitee[] }> {
  return apiFetch<{ items: Invitee[] }>(`/meetings/${encodeURIComponent(meetingId)}/items/${encodeURIComponent(itemId)}/invitations`, {
    method: 'POST',
    body: { user_id: userId },
  });
}

export function useInviteToItem() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: inviteToItem, onSuccess: (_r, v) => refetchMeeting(qc, v.meetingId) });
}
