import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';

/** The caller's notification choices (docs/api-notifications.md); quiet hours are HH:MM in time_zone, both or neither. */
export type NotificationPrefs = {
  email: string;
  email_enabled: boolean;
  push_enabled: boolean;
  quiet_from: string | null;
  quiet_to: string | null;
  time_zone: string;
};

export const notificationsKey = ['me', 'notifications'] as const;

/** GET /me/notifications. */
export function useNotificationPrefs() {
  return useQuery({ queryKey: notificationsKey, queryFn: ({ signal }) => apiFetch<NotificationPrefs>('/me/notifications', { signal }) });
}

/** PUT /me/notifications replaces every choice: send them all. 422 names email, quiet_from, quiet_to or time_zone. */
export function useSaveNotificationPrefs() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (p: NotificationPrefs) => apiFetch<NotificationPrefs>('/me/notifications', { method: 'PUT', body: p }),
    onSuccess: (p) => qc.setQueryData(notificationsKey, p),
  });
}

/** An email kept in the development mailbox. */
export type Mail = { id: string; to: string; subject: string; body: string; at: string };

export const mailboxKey = ['me', 'mailbox'] as const;

/** GET /me/mailbox: 404 when the server sends real email (then there is no mailbox to show). */
export function useMailbox() {
  return useQuery({ queryKey: mailboxKey, queryFn: ({ signal }) => apiFetch<List<Mail>>('/me/mailbox', { signal }), retry: false });
}
