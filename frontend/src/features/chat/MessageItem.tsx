import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { InlineConfirm } from '@/components/InlineConfirm';
import { isApiError } from '@/lib/api';
import { formatDateTime, formatTime } from '@/lib/format';
import type { CaseMember, Sensitivity } from '@/lib/types';
import { attachmentUrl } from './api/attachments';
import { useDeleteMessage } from './api/deleteMessage';
import { useEditMessage } from './api/editMessage';
import { excerpt, MAX_BODY } from './Composer';
import { splitMentions, type Mentionable } from './mentions';
import { PromoteForm } from './PromoteForm';
import type { Message, PromotionKind } from './types';

/** Who may read a message, in words, for any sensitivity but general. */
export function ChatSensitivityMark({ sensitivity }: { sensitivity: Sensitivity }) {
  const { t } = useTranslation();
  return (
    <span className={`tag tag--sensitivity tag--sens-${sensitivity}`}>
      <span aria-hidden="true">◆ </span>
      {t(`sensitivityMark.${sensitivity}`)}
    </span>
  );
}

type Props = {
  message: Message;
  caseId: string;
  meId: string;
  isLead: boolean;
  canWrite: boolean;
  members: CaseMember[];
  people: Mentionable[];
  allowed: Sensitivity[];
  repliedTo?: Message;
  attachmentName?: string;
  seenBy?: string[];
  onReply: (m: Message) => void;
  onJump: (id: string) => void;
};

type Mode = { kind: 'menu' } | { kind: 'edit' } | { kind: 'delete' } | { kind: 'promote'; to: PromotionKind } | null;

/** One message: author (or "You"), time, who may read it, the reply it answers, its text or tombstone, a file, and its actions. */
export function MessageItem({ message: m, caseId, meId, isLead, canWrite, members, people, allowed, repliedTo, attachmentName, seenBy, onReply, onJump }: Props) {
  const { t, i18n } = useTranslation();
  const own = String(m.author_id) === meId;
  const deleted = !!m.deleted_at;
  const [mode, setMode] = useState<Mode>(null);
  const menuId = `msg-${m.id}-actions`;
  const toggleRef = useRef<HTMLButtonElement>(null);
  const itemRef = useRef<HTMLLIElement>(null);
  const firstActionRef = useRef<HTMLButtonElement>(null);
  const time = formatTime(m.created_at, i18n.language);
  const who = own ? t('chat.you') : m.author_name;

  useEffect(() => {
    if (mode?.kind === 'menu') firstActionRef.current?.focus();
  }, [mode?.kind]);

  const close = () => {
    setMode(null);
    // Back to the actions button, or to the message when it has none left (deleted).
    window.setTimeout(() => (toggleRef.current ?? itemRef.current)?.focus(), 0);
  };

  const actions: { key: string; label: string; run: () => void }[] = [];
  if (!deleted && canWrite) {
    actions.push({ key: 'reply', label: t('chat.reply'), run: () => {
        setMode(null);
        onReply(m);
      },
    });
    if (own) actions.push({ key: 'edit', label: t('chat.edit'), run: () => setMode({ kind: 'edit' }) });
    if (own || isLead) actions.push({ key: 'delete', label: t('chat.delete'), run: () => setMode({ kind: 'delete' }) });
    actions.push({ key: 'task', label: t('chat.promote.task'), run: () => setMode({ kind: 'promote', to: 'task' }) });
    actions.push({ key: 'entry', label: t('chat.promote.entry'), run: () => setMode({ kind: 'promote', to: 'entry' }) });
    actions.push({ key: 'action', label: t('chat.promote.action'), run: () => setMode({ kind: 'promote', to: 'action' }) });
  }

  return (
    <li className={`chat-msg${own ? ' chat-msg--own' : ''}${m.sensitivity !== 'general' ? ` chat-msg--${m.sensitivity}` : ''}`} id={`msg-${m.id}`} tabIndex={-1} ref={itemRef}>
      <div className="chat-msg__head">
        <strong className="chat-msg__author">
          {own && <span aria-hidden="true">▸ </span>}
          {who}
        </strong>
        <time className="chat-msg__time" dateTime={m.created_at} title={formatDateTime(m.created_at, i18n.language)}>
          {time}
        </time>
        {m.sensitivity !== 'general' && <ChatSensitivityMark sensitivity={m.sensitivity} />}
        {m.edited_at && !deleted && <span className="chat-msg__edited">{t('chat.edited')}</span>}
      </div>
      {m.reply_to && (
        <p className="chat-msg__quote">
          <span aria-hidden="true">↩ </span>
          {repliedTo ? (
            <a
              href={`#msg-${repliedTo.id}`}
              onClick={(e) => {
                e.preventDefault();
                onJump(repliedTo.id);
              }}
            >
              {t('chat.inReplyTo', { name: String(repliedTo.author_id) === meId ? t('chat.you') : repliedTo.author_name })}{' '}
              <span className="chat-msg__quote-text">{repliedTo.deleted_at ? t('chat.deleted') : excerpt(repliedTo.body)}</span>
            </a>
          ) : (
            t('chat.inReplyToHidden')
          )}
        </p>
      )}
      {deleted ? (
        <p className="chat-msg__deleted">
          <span aria-hidden="true">⊘ </span>
          {t('chat.deleted')}
        </p>
      ) : mode?.kind === 'edit' ? (
        <EditForm message={m} caseId={caseId} onDone={close} />
      ) : (
        m.body && <p className="chat-msg__body">{renderBody(m.body, people, meId)}</p>
      )}
      {!deleted && m.attachment_id && (
        <p className="chat-msg__file">
          <a href={attachmentUrl(m.attachment_id)} download>
            {attachmentName ? t('chat.fileAttached', { name: attachmentName }) : t('chat.file')}
          </a>
        </p>
      )}
      {seenBy && seenBy.length > 0 && <p className="chat-msg__seen">{t('chat.seenBy', { names: seenBy.join(', ') })}</p>}
      {actions.length > 0 && mode?.kind !== 'edit' && (
        <div className="chat-msg__actions">
          <button
            type="button"
            ref={toggleRef}
            className="link-button chat-msg__toggle"
            aria-expanded={mode?.kind === 'menu'}
            aria-controls={mode?.kind === 'menu' ? menuId : undefined}
            onClick={() => setMode(mode?.kind === 'menu' ? null : { kind: 'menu' })}
          >
            <span aria-hidden="true">⋯ </span>
            {t('chat.actions')}
            <span className="visually-hidden"> {t('chat.actionsFor', { name: who, time })}</span>
          </button>
          {mode?.kind === 'menu' && (
            <ul
              className="chat-msg__menu"
              id={menuId}
              aria-label={`${t('chat.actions')} ${t('chat.actionsFor', { name: who, time })}`}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  e.stopPropagation();
                  close();
                }
              }}
            >
              {actions.map((a, i) => (
                <li key={a.key}>
                  <button type="button" className="button button--secondary button--small" ref={i === 0 ? firstActionRef : undefined} onClick={a.run}>
                    {a.label}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {mode?.kind === 'delete' && <DeleteConfirm message={m} caseId={caseId} onDone={close} />}
      {mode?.kind === 'promote' && <PromoteForm kind={mode.to} message={m} caseId={caseId} members={members} allowed={allowed} meId={meId} onClose={close} />}
    </li>
  );
}

function renderBody(text: string, people: Mentionable[], meId: string): ReactNode {
  return splitMentions(text, people).map((part, i) =>
    part.mention ? (
      <strong key={i} className={`chat-mention${part.mention.id === meId ? ' chat-mention--me' : ''}`}>
        {part.text}
      </strong>
    ) : (
      part.text
    ),
  );
}

function EditForm({ message, caseId, onDone }: { message: Message; caseId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const edit = useEditMessage(caseId);
  const [body, setBody] = useState(message.body);
  const [error, setError] = useState('');
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  async function save() {
    const text = body.trim();
    if (!text) return setError(t('chat.bodyRequired'));
    if ([...text].length > MAX_BODY) return setError(t('chat.bodyTooLong'));
    try {
      await edit.mutateAsync({ id: message.id, body: text });
      onDone();
    } catch (e) {
      setError(isApiError(e) && e.code === 'conflict' ? t('chat.editDeleted') : isApiError(e) && e.code === 'network' ? t('errors.network') : t('chat.editFailed'));
    }
  }
  return (
    <form
      className="chat-edit"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onDone();
        }
      }}
    >
      <label htmlFor={`${id}-edit`} className="field__label">
        {t('chat.editLabel')}
      </label>
      {error && (
        <p className="field__error" id={`${id}-error`}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
      <textarea
        id={`${id}-edit`}
        ref={ref}
        className="input textarea"
        rows={3}
        value={body}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            void save();
          }
        }}
      />
      <div className="button-row">
        <button type="submit" className="button button--primary button--small" disabled={edit.isPending}>
          {edit.isPending ? t('common.saving') : t('chat.saveEdit')}
        </button>
        <button type="button" className="button button--secondary button--small" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function DeleteConfirm({ message, caseId, onDone }: { message: Message; caseId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const del = useDeleteMessage(caseId);
  const [error, setError] = useState('');
  return (
    <>
      <InlineConfirm
        question={t('chat.deleteQuestion')}
        detail={t('chat.deleteDetail')}
        confirmLabel={t('chat.deleteConfirm')}
        pending={del.isPending}
        onCancel={onDone}
        onConfirm={async () => {
          try {
            await del.mutateAsync(message.id);
            onDone();
          } catch (e) {
            setError(isApiError(e) && e.code === 'network' ? t('errors.network') : t('chat.deleteFailed'));
          }
        }}
      />
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
