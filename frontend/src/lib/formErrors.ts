import type { TFunction } from 'i18next';
import { isApiError } from './api';

export type FieldErrors = Record<string, string>;
export type FormErrors = { fields: FieldErrors; summary: { fieldId?: string; message: string }[] };

export const noErrors: FormErrors = { fields: {}, summary: [] };

/** Builds the error state from client-side checks, keyed by input id, in field order. */
export function fromFieldErrors(fields: FieldErrors): FormErrors {
  return { fields, summary: Object.entries(fields).map(([fieldId, message]) => ({ fieldId, message })) };
}

/**
 * Turns a failed request into field errors and summary items. fieldMap maps the server's
 * field names (problem+json errors[].field) to input ids; overrides words a code for this form;
 * fieldWords words a field's error in the user's language where only one error is possible
 * (the server's own messages are in English).
 */
export function problemToErrors(
  e: unknown,
  t: TFunction,
  fieldMap: Record<string, string> = {},
  overrides: Partial<Record<string, string>> = {},
  fieldWords: Record<string, string> = {},
): FormErrors {
  if (!isApiError(e)) return { fields: {}, summary: [{ message: t('errors.internal') }] };
  if (overrides[e.code]) return { fields: {}, summary: [{ message: overrides[e.code]! }] };
  if (e.code === 'validation' && e.errors.length > 0) {
    const fields: FieldErrors = {};
    const summary: FormErrors['summary'] = [];
    for (const err of e.errors) {
      const id = fieldMap[err.field];
      const message = (id && fieldWords[id]) || err.message || t('errors.invalidField');
      if (id && !fields[id]) {
        fields[id] = message;
        summary.push({ fieldId: id, message });
      } else if (!id) {
        summary.push({ message });
      }
    }
    return { fields, summary };
  }
  const known = ['validation', 'bad_request', 'unauthenticated', 'forbidden', 'not_found', 'conflict', 'too_many_requests', 'payload_too_large', 'internal', 'network', 'password_change_required', 'wall'];
  const message = known.includes(e.code) ? t(`errors.${e.code}`) : t('errors.internal');
  return { fields: {}, summary: [{ message }] };
}
