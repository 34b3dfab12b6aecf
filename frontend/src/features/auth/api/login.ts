import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch, rememberCsrfToken } from '@/lib/api';
import type { User } from '@/lib/types';

export type LoginInput = { username: string; password: string; totp_code?: string; recovery_code?: string };
export type LoginResult = { token: string; csrf_token: string; user: User };

/**
 * POST /auth/login. Throws ApiError: 401 unauthenticated (wrong name or password),
 * 401 mfa_required (ask for the second factor), 429 too_many_requests.
 */
export async function login(input: LoginInput): Promise<LoginResult> {
  const res = await apiFetch<LoginResult>('/auth/login', { method: 'POST', body: input });
  rememberCsrfToken(res.csrf_token);
  return res;
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (res) => {
      // A new person may be signing in on this device: forget everything cached before.
      qc.clear();
      qc.setQueryData(['me'], res.user);
    },
  });
}
