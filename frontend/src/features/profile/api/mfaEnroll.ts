import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';

export type MfaEnrollment = { secret: string; otpauth_url: string; qr_png: string };

/** POST /me/mfa/enroll: a new secret and its QR code (not active until confirmed). */
export function enrollMfa(): Promise<MfaEnrollment> {
  return apiFetch<MfaEnrollment>('/me/mfa/enroll', { method: 'POST' });
}

export function useEnrollMfa() {
  return useMutation({ mutationFn: enrollMfa });
}
