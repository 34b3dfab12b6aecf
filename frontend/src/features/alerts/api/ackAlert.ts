import { useMutation, useQueryClient } from '@tanstack/react-query';
import { alertsKey } from '@/api/alerts';
import { apiFetch } from '@/lib/api';
import type { PagedAlert } from '../types';
import { alertKey } from './alert';

/**
 * POST /alerts/{id}/ack: the alert is seen; 200 with the alert. For an alert of a page, one
 * acknowledgement ends the page for everyone paged, and the answer carries the timeline.
 */
export function ackAlert(id: string): Promise<PagedAlert> {
  return apiFetch<PagedAlert>(`/alerts/${encodeURIComponent(id)}/ack`, { method: 'POST' });
}

export function useAckAlert() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ackAlert,
    onSuccess: (a, id) => {
      qc.setQueryData(alertKey(id), a);
      void qc.invalidateQueries({ queryKey: alertsKey, predicate: (q) => q.queryKey[1] !== 'detail' || q.queryKey[2] !== id });
    },
  });
}
