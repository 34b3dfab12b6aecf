import type { TFunction } from 'i18next';
import type { FrameError } from './types';

/** Why the server refused a message, in the user's words where the reason is known, else the server's. */
export function failReason(e: FrameError | undefined, t: TFunction): string {
  if (!e) return t('chat.fail.unknown');
  const field = e.errors?.[0]?.field ?? '';
  if (e.code === 'access_ended') return t('chat.fail.accessEnded');
  if (e.code === 'validation') {
    if (field === 'body') return t('chat.fail.body');
    if (field === 'sensitivity') return t('chat.fail.sensitivity');
    if (field === 'attachment_id') return t('chat.fail.attachment');
    if (field === 'reply_to') return t('chat.fail.replyTo');
    if (field.startsWith('mentions')) return t('chat.fail.mentions');
  }
  if (e.code === 'too_many_requests') return t('chat.fail.tooFast', { count: e.retry_after || 5 });
  if (e.code === 'forbidden') return t('chat.fail.forbidden');
  if (e.code === 'not_found') return t('chat.fail.notFound');
  return e.detail || t('chat.fail.unknown');
}
