import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';

/** POST /people/{id}/reveal-jmbg: the full JMBG, audited. Kept in the page only, never cached. */
export function revealJmbg(personId: string): Promise<{ jmbg: string }> {
  return apiFetch<{ jmbg: string }>(`/people/${encodeURIComponent(personId)}/reveal-jmbg`, { method: 'POST' });
}

export function useRevealJmbg() {
  return useMutation({ mutationFn: revealJmbg });
}
