import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';

/** DELETE /me/calendar-feed: 204, the address answers 404 from now on; 404 when there is none. */
export function revokeCalendarFeed(): Promise<void> {
  return apiFetch<void>('/me/calendar-feed', { method: 'DELETE' });
}

export function useRevokeCalendarFeed() {
  return useMutation({ mutationFn: revokeCalendarFeed });
}
