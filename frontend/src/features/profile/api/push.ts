import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';

/** A browser subscribed to Web Push, as the server keeps it. */
export type PushSubscriptionRecord = { id: string; endpoint: string; created_at: string };

export const pushKeyKey = ['push', 'public-key'] as const;

/** GET /push/public-key: the server's VAPID public key (unpadded base64url), the same for every user. */
export async function getPushPublicKey(signal?: AbortSignal): Promise<string> {
  const res = await apiFetch<{ public_key: string }>('/push/public-key', { signal });
  return res.public_key;
}

/** The key, read once the device part is shown: a server that cannot give it sends no push. */
export function usePushPublicKey(enabled: boolean) {
  return useQuery({ queryKey: pushKeyKey, queryFn: ({ signal }) => getPushPublicKey(signal), enabled, retry: false, staleTime: Infinity });
}

/** POST /me/push-subscriptions with the browser's PushSubscription as JSON gives it → 201; the same endpoint again answers its existing id. */
export function addPushSubscription(subscription: PushSubscription): Promise<PushSubscriptionRecord> {
  return apiFetch<PushSubscriptionRecord>('/me/push-subscriptions', { method: 'POST', body: subscription.toJSON() });
}

/** DELETE /me/push-subscriptions/{id} → 204; 404 when it is gone already or not the caller's. */
export function deletePushSubscription(id: string): Promise<void> {
  return apiFetch<void>(`/me/push-subscriptions/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
