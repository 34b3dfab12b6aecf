import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOutletContext } from 'react-router';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useMediaQuery } from '@/components/useMediaQuery';
import { readableSensitivities } from '@/lib/roles';
import type { Case, User } from '@/lib/types';
import { useAttachments } from './api/attachments';
import { ChatSearch } from './ChatSearch';
import { Composer } from './Composer';
import { dayKey, dayName, daysAgo } from './format';
import { ChatSensitivityMark, MessageItem } from './MessageItem';
import { failReason } from './reasons';
import type { OutboxItem } from './socket';
import type { Message } from './types';
import { useCaseChat } from './useCaseChat';

/** What the case workspace gives its tabs. */
type CaseContext = { kase: Case; me: User };

const NEAR_BOTTOM_PX = 80;

/**
 * A case's chat (a tab of the case workspace): the conversation grouped by day, live over the
 * websocket; who is here and who is typing; search; and the composer. On a phone it fills the
 * screen, with the composer at the bottom.
 *
 * The message list is a log, but not a live one: a screen reader would otherwise read out the
 * history as it loads and the user's own messages. New messages from others are announced by
 * a separate polite log that only ever receives those.
 */
export function CaseChat() {
  const { kase, me } = useOutletContext<CaseContext>();
  const { t, i18n } = useTranslation();
  const chat = useCaseChat(kase, me);
  const meId = String(me.id);
  const caseId = chat.caseId;
  const isLead = String(kase.lead_id) === meId;
  const emergency = kase.my_basis === 'emergency';
  const canWrite = !emergency && !chat.closed;
  const allowed = useMemo(() => readableSensitivities(me.roles), [me.roles]);
  const isPhone = useMediaQuery('(max-width: 40rem)');

  const names = useMemo(() => new Map(kase.members.map((m) => [String(m.user_id), m.display_name])), [kase.members]);
  const everyone = useMemo(() => kase.members.map((m) => ({ id: String(m.user_id), name: m.display_name })), [kase.members]);
  const others = useMemo(
    () => kase.members.filter((m) => String(m.user_id) !== meId).map((m) => ({ id: String(m.user_id), name: m.display_name, reads: readableSensitivities(m.roles) })),
    [kase.members, meId],
  );

  const items = useMemo(() => chat.messages.data?.items ?? [], [chat.messages.data]);
  const byId = useMemo(() => new Map(items.map((m) => [m.id, m])), [items]);
  const attachments = useAttachments(
    caseId,
    items.some((m) => m.attachment_id),
  );
  const fileNames = useMemo(() => new Map((attachments.data?.items ?? []).map((a) => [String(a.id), a.file_name])), [attachments.data]);
  // A file that came with a new message: read the list of the case's files again, once, for its name.
  const unnamed = items.find((m) => m.attachment_id && !m.deleted_at && !fileNames.has(String(m.attachment_id)))?.attachment_id;
  const askedFor = useRef(new Set<string>());
  const { refetch: refetchFiles, isSuccess: filesLoaded } = attachments;
  useEffect(() => {
    if (!unnamed || !filesLoaded || askedFor.current.has(String(unnamed))) return;
    askedFor.current.add(String(unnamed));
    void refetchFiles();
  }, [unnamed, filesLoaded, refetchFiles]);

  // "Seen by" under the user's last message: everyone else whose read marker has reached it.
  const lastOwn = useMemo(() => [...items].reverse().find((m) => String(m.author_id) === meId && !m.deleted_at), [items, meId]);
  const seenBy = useMemo(
    () => (lastOwn ? (chat.reads.data?.items ?? []).filter((r) => String(r.user_id) !== meId && r.last_seq >= lastOwn.seq).map((r) => r.display_name || names.get(String(r.user_id)) || '') : []),
    [lastOwn, chat.reads.data, meId, names],
  );

  const days = useMemo(() => {
    const out: { key: string; first: string; items: Message[] }[] = [];
    for (const m of items) {
      const key = dayKey(m.created_at);
      const last = out.at(-1);
      if (last?.key === key) last.items.push(m);
      else out.push({ key, first: m.created_at, items: [m] });
    }
    return out;
  }, [items]);

  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [searchOpen, setSearchOpen] = useState(false);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const stick = useRef(true);

  const nearBottom = () => {
    const el = logRef.current;
    return !el || el.scrollHeight - el.scrollTop - el.clientHeight <= NEAR_BOTTOM_PX;
  };

  // Keep the newest message in view while the reader is at the bottom.
  useLayoutEffect(() => {
    const el = logRef.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [items.length, chat.outbox.length, chat.messages.isSuccess]);

  // On a phone the chat takes the screen: its top goes to the top of the viewport, and stays
  // there while what is above it settles (a badge, a banner), until the user scrolls.
  const loaded = chat.messages.isSuccess;
  useEffect(() => {
    const el = sectionRef.current;
    if (!isPhone || !loaded || !el) return;
    const align = () => window.scrollTo?.({ top: el.getBoundingClientRect().top + window.scrollY });
    align();
    let moved = false;
    const stop = () => {
      moved = true;
    };
    const events = ['touchstart', 'wheel', 'keydown'] as const;
    for (const e of events) window.addEventListener(e, stop, { passive: true });
    const resized = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => !moved && align());
    resized?.observe(document.body);
    const done = window.setTimeout(() => resized?.disconnect(), 3000);
    return () => {
      for (const e of events) window.removeEventListener(e, stop);
      resized?.disconnect();
      window.clearTimeout(done);
    };
  }, [isPhone, loaded]);

  // Read up to the newest message once it can be seen (the tab in front, the list at the bottom).
  const newest = items.at(-1)?.id;
  const { markRead } = chat;
  const readIfSeen = useCallback(() => {
    if (!newest || document.visibilityState === 'hidden' || !nearBottom()) return;
    markRead(newest);
  }, [newest, markRead]);
  useEffect(() => {
    readIfSeen();
    document.addEventListener('visibilitychange', readIfSeen);
    return () => document.removeEventListener('visibilitychange', readIfSeen);
  }, [readIfSeen]);

  const jump = useCallback((id: string) => {
    const el = document.getElementById(`msg-${id}`);
    if (!el) return;
    el.scrollIntoView?.({ block: 'center' });
    el.focus({ preventScroll: true });
  }, []);

  const reply = useCallback((m: Message) => {
    setReplyTo(m);
    window.setTimeout(() => textareaRef.current?.focus(), 0);
  }, []);

  const presenceIds = chat.presence?.filter((id) => id !== meId);
  const typingNames = chat.typing.map((id) => names.get(id)).filter((n): n is string => !!n);

  return (
    <section className="chat" aria-labelledby="chat-title" ref={sectionRef} data-live={chat.live}>
      <div className="chat__head">
        <h2 id="chat-title">{t('chat.title')}</h2>
        {presenceIds && (
          <p className="chat__presence">
            <span className="chat__presence-dot" aria-hidden="true" />
            {presenceIds.length === 0 ? t('chat.presenceAlone') : t('chat.presence', { names: presenceIds.map((id) => names.get(id) ?? '…').join(', ') })}
          </p>
        )}
        <button type="button" className="button button--secondary button--small chat__search-toggle" aria-expanded={searchOpen} aria-controls="chat-search" onClick={() => setSearchOpen((o) => !o)}>
          <span aria-hidden="true">⌕</span>
          {searchOpen ? t('chat.closeSearch') : t('chat.search')}
        </button>
      </div>
      {searchOpen && (
        <div id="chat-search">
          <ChatSearch caseId={caseId} meId={meId} onJump={jump} />
        </div>
      )}
      {chat.state === 'offline' && !chat.closed && (
        <div className="chat__offline" role="status">
          <span aria-hidden="true">⚡ </span>
          <strong>{t('chat.offlineTitle')}</strong> {t('chat.offlineBody')}
        </div>
      )}
      {chat.closed && (
        <Notice tone="warning" role="alert" title={chat.closed.reason === 'access_ended' ? t('chat.accessEndedTitle') : t('chat.unavailableTitle')}>
          <p>{chat.closed.reason === 'access_ended' ? t('chat.accessEndedBody') : t('chat.unavailableBody')}</p>
        </Notice>
      )}
      {emergency && <p className="chat__note">{t('chat.readOnly')}</p>}
      {chat.closed ? null : chat.messages.isPending ? (
        <SkeletonList rows={4} />
      ) : chat.messages.isError ? (
        <Notice tone="error">{t('errors.loadFailed')}</Notice>
      ) : (
        <div
          className="chat__log"
          role="log"
          aria-live="off"
          aria-label={t('chat.messages')}
          tabIndex={0}
          ref={logRef}
          onScroll={() => {
            stick.current = nearBottom();
            readIfSeen();
          }}
        >
          {items.length === 0 && chat.outbox.length === 0 ? (
            <p className="chat__empty">{canWrite ? t('chat.emptyWrite') : t('chat.empty')}</p>
          ) : (
            <ol className="chat-days">
              {days.map((d) => {
                const ago = daysAgo(d.first);
                return (
                  <li key={d.key} className="chat-day">
                    <h3 className="chat-day__title">
                      <time dateTime={d.key}>{ago === 0 ? t('chat.today') : ago === 1 ? t('chat.yesterday') : dayName(d.first, i18n.language)}</time>
                    </h3>
                    <ol className="chat-day__messages">
                      {d.items.map((m) => (
                        <MessageItem
                          key={m.id}
                          message={m}
                          caseId={caseId}
                          meId={meId}
                          isLead={isLead}
                          canWrite={canWrite}
                          members={kase.members}
                          people={everyone}
                          allowed={allowed}
                          repliedTo={m.reply_to ? byId.get(m.reply_to) : undefined}
                          attachmentName={m.attachment_id ? fileNames.get(String(m.attachment_id)) : undefined}
                          seenBy={m === lastOwn ? seenBy : undefined}
                          onReply={reply}
                          onJump={jump}
                        />
                      ))}
                    </ol>
                  </li>
                );
              })}
            </ol>
          )}
          {chat.outbox.length > 0 && (
            <ol className="chat-outbox" aria-label={t('chat.notSentList')}>
              {chat.outbox.map((o) => (
                <OutboxMessage key={o.client_id} item={o} online={chat.state === 'online'} canRetry={canWrite} onRetry={chat.retry} onDiscard={chat.discard} />
              ))}
            </ol>
          )}
        </div>
      )}
      <div className="visually-hidden" role="log" aria-live="polite" aria-label={t('chat.newMessages')} data-testid="chat-announcer">
        {chat.arrivals.map((a) => (
          <p key={a.id}>
            {t('chat.announce', {
              name: a.message.author_name,
              text: a.message.body ? a.message.body : t('chat.file'),
            })}
          </p>
        ))}
      </div>
      <p className="chat__typing" hidden={!!chat.closed}>
        {typingNames.length === 1 ? t('chat.typingOne', { name: typingNames[0] }) : typingNames.length > 1 ? t('chat.typingMany', { names: typingNames.join(', ') }) : ''}
      </p>
      {canWrite && chat.messages.isSuccess && (
        <Composer
          caseId={caseId}
          people={others}
          allowed={allowed}
          replyTo={replyTo}
          onCancelReply={() => setReplyTo(null)}
          onSend={(d) => {
            stick.current = true;
            chat.send(d);
          }}
          onTyping={chat.sendTyping}
          textareaRef={textareaRef}
        />
      )}
    </section>
  );
}

/** A message the server has not acknowledged yet: waiting, or refused with the reason and a retry. */
function OutboxMessage({ item, online, canRetry, onRetry, onDiscard }: { item: OutboxItem; online: boolean; canRetry: boolean; onRetry: (id: string) => void; onDiscard: (id: string) => void }) {
  const { t } = useTranslation();
  const failed = item.status === 'failed';
  return (
    <li className={`chat-msg chat-msg--own chat-msg--unsent${failed ? ' chat-msg--failed' : ''}`}>
      <div className="chat-msg__head">
        <strong className="chat-msg__author">
          <span aria-hidden="true">▸ </span>
          {t('chat.you')}
        </strong>
        {item.sensitivity !== 'general' && <ChatSensitivityMark sensitivity={item.sensitivity} />}
      </div>
      {item.body && <p className="chat-msg__body">{item.body}</p>}
      {item.attachment_name && (
        <p className="chat-msg__file">
          {t('chat.fileAttached', { name: item.attachment_name })}
        </p>
      )}
      {failed ? (
        <>
          <p className="chat-msg__status chat-msg__status--failed" role="alert">
            <span aria-hidden="true">⚠ </span>
            <strong>{t('chat.notSent')}</strong> {failReason(item.error, t)}
          </p>
          <div className="button-row chat-msg__retry">
            {canRetry && (
              <button type="button" className="button button--primary button--small" onClick={() => onRetry(item.client_id)}>
                {t('chat.retry')}
              </button>
            )}
            <button type="button" className="button button--secondary button--small" onClick={() => onDiscard(item.client_id)}>
              {t('chat.discard')}
            </button>
          </div>
        </>
      ) : (
        <p className="chat-msg__status">
          <span aria-hidden="true">◷ </span>
          {online ? t('chat.sending') : t('chat.queued')}
        </p>
      )}
    </li>
  );
}
