import { useMutation, useQueryClient } from '@tanstack/react-query';
import { alertsKey } from '@/api/alerts';
import { apiFetch } from '@/lib/api';
import type { Alert } from '@/lib/types';

/** POST /alerts/{id}/ack: the alert is seen; 200 with the alert. */
export function ackAlert(id: string): Promise<Alert> {
  return apiFetch<Alert>(`/alerts/${encodeURIComponent(id)}/ack`, { method: 'POST' });
}

export function useAckAlert() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: ackAlert, onSuccess: () => qc.invalidateQueries({ queryKey: alertsKey }) });
}
