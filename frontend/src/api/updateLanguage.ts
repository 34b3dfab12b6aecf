import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Language, User } from '@/lib/types';
import { meKey } from './me';

/** PATCH /me {language}: remembers the user's language and script on the server. */
export function updateLanguage(language: Language): Promise<User> {
  return apiFetch<User>('/me', { method: 'PATCH', body: { language } });
}

export function useUpdateLanguage() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: updateLanguage,
    onSuccess: (user) => qc.setQueryData(meKey, user),
  });
}
