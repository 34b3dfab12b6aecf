import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';

/**
 * POST /me/calendar-feed: 201 {url}, a new secret address for calendar apps; the old one, if
 * any, stops working at once. The server keeps only a hash: the address is shown once.
 */
export function createCalendarFeed(): Promise<{ url: string }> {
  return apiFetch<{ url: string }>('/me/calendar-feed', { method: 'POST' });
}

export function useCreateCalendarFeed() {
  return useMutation({ mutationFn: createCalendarFeed });
}
