import { useEffect, useId, useState, type ChangeEvent, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/lib/api';
import type { Sensitivity } from '@/lib/types';
import { ATTACHMENT_ACCEPT, useUploadAttachment } from './api/attachments';
import { insertMention, matchMembers, mentionAt, mentionsIn, type Mentionable } from './mentions';
import type { Draft, Message } from './types';

export const MAX_BODY = 4000;

type Props = {
  caseId: string;
  /** Members who may be mentioned, with the sensitivities each may read. */
  people: (Mentionable & { reads: Sensitivity[] })[];
  allowed: Sensitivity[];
  replyTo: Message | null;
  onCancelReply: () => void;
  onSend: (d: Draft) => void;
  onTyping: () => void;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
};

const draftKey = (caseId: string) => `zajedno.chat.draft.${caseId}`;

function loadDraft(caseId: string): string {
  try {
    return sessionStorage.getItem(draftKey(caseId)) ?? '';
  } catch {
    return '';
  }
}

function saveDraft(caseId: string, body: string) {
  try {
    if (body) sessionStorage.setItem(draftKey(caseId), body);
    else sessionStorage.removeItem(draftKey(caseId));
  } catch {
    // what is typed still stays on screen
  }
}

/**
 * Writing a message: Enter sends, Shift+Enter starts a new line; "@" offers the case's members
 * (arrow keys and Enter pick one); who may read it; a file; the message replied to. What is
 * typed survives a reload of the tab.
 */
export function Composer({ caseId, people, allowed, replyTo, onCancelReply, onSend, onTyping, textareaRef }: Props) {
  const { t } = useTranslation();
  const uid = useId();
  const [body, setBody] = useState(() => loadDraft(caseId));
  const [sensitivity, setSensitivity] = useState<Sensitivity>('general');
  const [chosen, setChosen] = useState<Mentionable[]>([]);
  const [attachment, setAttachment] = useState<{ id: string; name: string } | null>(null);
  const [error, setError] = useState('');
  const [fileError, setFileError] = useState('');
  const [mention, setMention] = useState<{ start: number; query: string; active: number } | null>(null);
  const upload = useUploadAttachment(caseId);

  useEffect(() => saveDraft(caseId, body), [caseId, body]);

  // A reply keeps the sensitivity of what it answers, when the user may use it.
  const replySensitivity = replyTo?.sensitivity;
  useEffect(() => {
    if (replySensitivity && allowed.includes(replySensitivity) && !attachment) setSensitivity(replySensitivity);
    // only when another message is replied to
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [replyTo?.id]);

  // Only the people whose role may read a message of this sensitivity can be mentioned in it.
  const candidates = people.filter((p) => p.reads.includes(sensitivity));
  const options = mention ? matchMembers(candidates, mention.query) : [];
  const listOpen = options.length > 0;
  const listId = `${uid}-mentions`;
  const optionId = (id: string) => `${uid}-mention-${id}`;
  const errorId = `${uid}-error`;
  const hintId = `${uid}-hint`;

  function change(e: ChangeEvent<HTMLTextAreaElement>) {
    setBody(e.target.value);
    if (error) setError('');
    const at = mentionAt(e.target.value, e.target.selectionStart ?? e.target.value.length);
    setMention(at ? { ...at, active: 0 } : null);
    if (e.target.value.trim()) onTyping();
  }

  function pick(p: Mentionable) {
    const el = textareaRef.current;
    if (!mention || !el) return;
    const next = insertMention(body, mention.start, el.selectionStart ?? body.length, p.name);
    setBody(next.text);
    setChosen((c) => (c.some((x) => x.id === p.id) ? c : [...c, p]));
    setMention(null);
    window.setTimeout(() => {
      el.focus();
      el.setSelectionRange(next.caret, next.caret);
    }, 0);
  }

  function submit(e?: FormEvent) {
    e?.preventDefault();
    const text = body.trim();
    if (!text && !attachment) {
      setError(t('chat.bodyRequired'));
      return;
    }
    if ([...text].length > MAX_BODY) {
      setError(t('chat.bodyTooLong'));
      return;
    }
    const mentions = mentionsIn(text, chosen.filter((p) => candidates.some((c) => c.id === p.id)));
    onSend({
      body: text,
      sensitivity,
      ...(replyTo ? { reply_to: replyTo.id } : {}),
      ...(mentions.length ? { mentions } : {}),
      ...(attachment ? { attachment_id: attachment.id, attachment_name: attachment.name } : {}),
    });
    setBody('');
    setChosen([]);
    setAttachment(null);
    setMention(null);
    setError('');
    onCancelReply();
  }

  function keyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (listOpen && mention) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setMention({ ...mention, active: (mention.active + step + options.length) % options.length });
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        pick(options[Math.min(mention.active, options.length - 1)]!);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        setMention(null);
        return;
      }
    }
    if (e.key === 'Escape' && replyTo) {
      e.preventDefault();
      onCancelReply();
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  }

  async function pickFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setFileError('');
    try {
      const a = await upload.mutateAsync({ caseId, file, sensitivity });
      setAttachment({ id: String(a.id), name: a.file_name || file.name });
    } catch (err) {
      setFileError(
        isApiError(err) && err.code === 'payload_too_large'
          ? t('chat.fileTooLarge')
          : isApiError(err) && err.fieldMessage('file')
            ? t('chat.fileKind')
            : isApiError(err) && err.code === 'network'
              ? t('chat.fileOffline')
              : t('chat.fileFailed'),
      );
    }
  }

  const active = listOpen && mention ? options[Math.min(mention.active, options.length - 1)] : undefined;

  return (
    <form className="chat-composer" onSubmit={submit} noValidate aria-labelledby={`${uid}-title`}>
      <h3 id={`${uid}-title`} className="visually-hidden">
        {t('chat.composerTitle')}
      </h3>
      {replyTo && (
        <div className="chat-composer__reply">
          <p>
            <span aria-hidden="true">↩ </span>
            {t('chat.replyingTo', { name: replyTo.author_name })}{' '}
            <span className="chat-composer__reply-text">{replyTo.deleted_at ? t('chat.deleted') : excerpt(replyTo.body)}</span>
          </p>
          <button type="button" className="button button--secondary button--small" onClick={onCancelReply}>
            {t('chat.cancelReply')}
          </button>
        </div>
      )}
      <div className={`chat-composer__field${error ? ' field--error' : ''}`}>
        <label htmlFor={`${uid}-body`} className="visually-hidden">
          {t('chat.messageLabel')}
        </label>
        {error && (
          <p className="field__error" id={errorId}>
            <span aria-hidden="true">⚠ </span>
            {error}
          </p>
        )}
        {listOpen && (
          <ul className="chat-mentions" role="listbox" id={listId} aria-label={t('chat.mentionList')}>
            {options.map((p, i) => (
              <li
                key={p.id}
                id={optionId(p.id)}
                role="option"
                aria-selected={i === mention?.active}
                className={`chat-mentions__option${i === mention?.active ? ' chat-mentions__option--active' : ''}`}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(p);
                }}
              >
                {p.name}
              </li>
            ))}
          </ul>
        )}
        <textarea
          id={`${uid}-body`}
          ref={textareaRef}
          className="input textarea chat-composer__input"
          rows={2}
          value={body}
          onChange={change}
          onKeyDown={keyDown}
          onBlur={() => setMention(null)}
          placeholder={t('chat.placeholder')}
          aria-invalid={error ? true : undefined}
          aria-describedby={[hintId, error ? errorId : ''].filter(Boolean).join(' ')}
          aria-autocomplete="list"
          aria-controls={listOpen ? listId : undefined}
          aria-activedescendant={active ? optionId(active.id) : undefined}
          autoComplete="off"
        />
        <p id={hintId} className="chat-composer__hint">
          {t('chat.composerHint')}
        </p>
        <p className="visually-hidden" role="status">
          {listOpen ? t('chat.mentionCount', { count: options.length }) : ''}
        </p>
      </div>
      {attachment && (
        <p className="chat-composer__file">
          {t('chat.fileAttached', { name: attachment.name })}{' '}
          <button type="button" className="link-button" onClick={() => setAttachment(null)}>
            {t('chat.removeFile')}
            <span className="visually-hidden"> {attachment.name}</span>
          </button>
        </p>
      )}
      {fileError && (
        <p className="field__error" role="alert">
          <span aria-hidden="true">⚠ </span>
          {fileError}
        </p>
      )}
      <div className="chat-composer__tools">
        <div className="chat-composer__sensitivity">
          <label htmlFor={`${uid}-sensitivity`} className="chat-composer__label">
            {t('chat.sensitivity')}
          </label>
          <select
            id={`${uid}-sensitivity`}
            className="input select"
            value={sensitivity}
            disabled={!!attachment}
            aria-describedby={attachment ? `${uid}-sensitivity-hint` : undefined}
            onChange={(e) => setSensitivity(e.target.value as Sensitivity)}
          >
            {allowed.map((s) => (
              <option key={s} value={s}>
                {t(`sensitivityOption.${s}`)}
              </option>
            ))}
          </select>
          {attachment && (
            <p className="field__hint" id={`${uid}-sensitivity-hint`}>
              {t('chat.sensitivityLocked')}
            </p>
          )}
        </div>
        <div className="chat-composer__buttons">
          <input id={`${uid}-file`} type="file" className="chat-composer__file-input" accept={ATTACHMENT_ACCEPT} onChange={pickFile} disabled={upload.isPending} />
          <label htmlFor={`${uid}-file`} className="button button--secondary chat-composer__attach">
            {upload.isPending ? t('chat.uploading') : t('chat.attach')}
          </label>
          <button type="submit" className="button button--primary chat-composer__send">
            {t('chat.send')}
          </button>
        </div>
      </div>
    </form>
  );
}

/** The start of a message, for a quote. */
export function excerpt(text: string, n = 80): string {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
