import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { OpinionRequest } from '../types';
import { protectionKey } from './keys';
import { opinionRequestKey } from './opinionRequest';

/** POST /opinion-requests/{id}/answer {answer}, by a user of that CSR: 200; 409 when answered already; 422 on answer. */
export function answerOpinion({ id, answer }: { id: string; answer: string }): Promise<OpinionRequest> {
  return apiFetch<OpinionRequest>(`/opinion-requests/${encodeURIComponent(id)}/answer`, { method: 'POST', body: { answer } });
}

export function useAnswerOpinion() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: answerOpinion,
    onSuccess: (o) => {
      qc.setQueryData(opinionRequestKey(o.id), o);
      void qc.invalidateQueries({ queryKey: [...protectionKey, 'opinions', o.case_id] });
    },
  });
}
