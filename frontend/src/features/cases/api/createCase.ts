import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Case, CaseCategory, Sex } from '@/lib/types';
import { caseKey } from './case';
import { casesKey } from './cases';

export type CreateCaseInput = {
  title: string;
  category: CaseCategory;
  team_id: string;
  /** A new person, or (as GET /people/matches offers) a person the caller already works with. */
  subject: { first_name: string; last_name: string; jmbg?: string; date_of_birth?: string; sex?: Sex } | { person_id: string };
};

/** POST /cases: 201 with the case; the creator becomes its member and lead. */
export function createCase(input: CreateCaseInput): Promise<Case> {
  return apiFetch<Case>('/cases', { method: 'POST', body: input });
}

export function useCreateCase() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createCase,
    onSuccess: (c) => {
      qc.setQueryData(caseKey(String(c.id)), c);
      return qc.invalidateQueries({ queryKey: [...casesKey, 'list'] });
    },
  });
}
