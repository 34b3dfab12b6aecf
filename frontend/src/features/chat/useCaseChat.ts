import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Case, User } from '@/lib/types';
import { chatKey, messagesKey, readsKey } from './api/keys';
import { storeMessages, useMessages, type MessageLog } from './api/messages';
import { storeRead, useReads } from './api/reads';
import { clearUnread } from './api/unread';
import { chatSocket, type CaseEvent } from './socket';
import type { Draft, Message } from './types';

/** A new message from someone else, for the screen reader's live region. */
export type Arrival = { id: string; message: Message };

const TYPING_SHOWN_MS = 6_000;

/**
 * One case's chat for a view: the history from the API, then the websocket's messages, edits,
 * read markers, typing and presence, all kept in the query cache; the outbox of unsent
 * messages; and the connection's state.
 */
export function useCaseChat(kase: Case, me: User) {
  const caseId = String(kase.id);
  const qc = useQueryClient();
  const socket = chatSocket();
  const messages = useMessages(caseId, qc);
  const reads = useReads(caseId);
  const [presence, setPresence] = useState<string[] | null>(null);
  const [typing, setTyping] = useState<Record<string, number>>({});
  const [closed, setClosed] = useState<{ reason: 'access_ended' | 'not_found'; detail: string } | null>(null);
  const [arrivals, setArrivals] = useState<Arrival[]>([]);
  // Subscribed on the current connection: new messages arrive live.
  const [subscribed, setSubscribed] = useState(false);

  const state = useSyncExternalStore(
    useCallback((cb: () => void) => socket.listen((e) => e.type === 'state' && cb()), [socket]),
    () => socket.getState(),
  );
  const [seenState, setSeenState] = useState(state);
  if (seenState !== state) {
    setSeenState(state);
    if (state !== 'online') setSubscribed(false);
  }
  const outbox = useSyncExternalStore(
    useCallback((cb: () => void) => socket.onOutbox(cb), [socket]),
    () => socket.pending(caseId),
  );

  // Names of the people in the case, for read markers that arrive live.
  const names = useRef(new Map<string, string>());
  names.current = new Map(kase.members.map((m) => [String(m.user_id), m.display_name]));
  const meId = String(me.id);

  const loaded = messages.isSuccess;
  useEffect(() => {
    if (!loaded) return;
    setClosed(null);
    const after = qc.getQueryData<MessageLog>(messagesKey(caseId))?.items.at(-1)?.id;
    const onEvent = (e: CaseEvent) => {
      switch (e.type) {
        case 'message':
          storeMessages(qc, caseId, [e.message]);
          if (String(e.message.author_id) !== meId) {
            setArrivals((a) => [...a.slice(-4), { id: e.message.id, message: e.message }]);
            setTyping((t) => {
              if (!(e.message.author_id in t)) return t;
              const next = { ...t };
              delete next[e.message.author_id];
              return next;
            });
          }
          return;
        case 'ack':
        case 'update':
          storeMessages(qc, caseId, [e.message]);
          return;
        case 'read':
          storeRead(qc, caseId, e.userId, e.seq, names.current.get(e.userId) ?? '');
          return;
        case 'typing':
          if (e.userId !== meId) setTyping((t) => ({ ...t, [e.userId]: Date.now() + TYPING_SHOWN_MS }));
          return;
        case 'presence':
          setPresence(e.userIds);
          return;
        case 'subscribed':
          setSubscribed(true);
          // After a reconnect the new messages come over the socket; edits and read markers
          // made meanwhile are read again.
          if (e.resumed) {
            void qc.invalidateQueries({ queryKey: messagesKey(caseId) });
            void qc.invalidateQueries({ queryKey: readsKey(caseId) });
          }
          return;
        case 'closed':
          // What was loaded goes too: the user may no longer read this case.
          qc.removeQueries({ queryKey: chatKey(caseId), predicate: (q) => q.queryKey[2] !== 'messages' });
          qc.setQueryData<MessageLog>(messagesKey(caseId), { items: [] });
          setClosed({ reason: e.reason, detail: e.detail });
          setPresence(null);
          setSubscribed(false);
          return;
      }
    };
    return socket.subscribe(caseId, onEvent, after);
  }, [loaded, caseId, meId, qc, socket]);

  // Typing notes fade a few seconds after the last one.
  const typingKeys = Object.keys(typing).join(',');
  useEffect(() => {
    if (!typingKeys) return;
    const next = Math.min(...Object.values(typing)) - Date.now();
    const timer = window.setTimeout(
      () =>
        setTyping((t) => {
          const now = Date.now();
          return Object.fromEntries(Object.entries(t).filter(([, until]) => until > now));
        }),
      Math.max(50, next),
    );
    return () => window.clearTimeout(timer);
  }, [typing, typingKeys]);

  const send = useCallback((draft: Draft) => socket.send(caseId, draft, meId), [socket, caseId, meId]);
  const retry = useCallback((clientId: string) => socket.retry(clientId), [socket]);
  const discard = useCallback((clientId: string) => socket.discard(clientId), [socket]);
  const sendTyping = useCallback(() => socket.typing(caseId), [socket, caseId]);
  const lastRead = useRef<string | null>(null);
  const markRead = useCallback(
    (messageId: string) => {
      if (lastRead.current === messageId) return;
      lastRead.current = messageId;
      socket.read(caseId, messageId);
      clearUnread(qc, caseId);
    },
    [socket, caseId, qc],
  );

  return {
    caseId,
    messages,
    reads,
    state,
    live: subscribed && state === 'online',
    outbox,
    presence,
    typing: Object.keys(typing),
    closed,
    arrivals,
    send,
    retry,
    discard,
    sendTyping,
    markRead,
  };
}
