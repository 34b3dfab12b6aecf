// The chat over the tab's shared websocket (src/lib/socket.ts), for every chat view. It resumes
// each case after the last message it delivered (so nothing is lost and, with the dedupe by id,
// nothing comes twice), and keeps an outbox: a message sent while offline waits in
// sessionStorage and is sent again with the same client_id until the server acknowledges it,
// which the server makes idempotent. While a case is followed it holds the connection open.
import { realtimeSocket, type ConnectionState, type Frame, type RealtimeSocket, type SocketEvent } from '@/lib/socket';
import type { Draft, FrameError, Message, ServerFrame } from './types';

export type { ConnectionState, SocketEvent };

export type OutboxItem = Draft & {
  client_id: string;
  case_id: string;
  /** Whose message it is: another user signing in on this tab never sends it. */
  user_id: string;
  created_at: string;
  status: 'pending' | 'failed';
  error?: FrameError;
};

/** What a chat view hears about its case. */
export type CaseEvent =
  /** The subscription is in place; resumed after a reconnect (edits made meanwhile are not replayed). */
  | { type: 'subscribed'; resumed: boolean }
  /** A stored message, in storage order, never twice. */
  | { type: 'message'; message: Message }
  /** The server acknowledged one of our sends. */
  | { type: 'ack'; clientId: string; message: Message }
  | { type: 'update'; message: Message }
  | { type: 'read'; userId: string; seq: number }
  | { type: 'typing'; userId: string }
  | { type: 'presence'; userIds: string[] }
  /** The chat closed: access ended (removed from the case, emergency access over) or never was. */
  | { type: 'closed'; reason: 'access_ended' | 'not_found'; detail: string };

type CaseListener = (e: CaseEvent) => void;

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export type ChatSocketOptions = {
  /** The connection to use; the tab's shared one by default. */
  socket?: RealtimeSocket;
  storage?: StorageLike | null;
  newId?: () => string;
  typingEveryMs?: number;
  readEveryMs?: number;
};

const STORAGE_KEY = 'zajedno.chat.outbox';

type CaseSub = {
  listeners: Set<CaseListener>;
  /** The last message delivered (by id and seq): a resubscription asks for what came after it. */
  cursorId?: string;
  cursorSeq: number;
  seen: Set<string>;
  ready: boolean;
  everSubscribed: boolean;
  lastTyping: number;
  readSent?: string;
  readWanted?: string;
  readTimer?: ReturnType<typeof setTimeout>;
  readAt: number;
};

function defaultStorage(): StorageLike | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

function defaultId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `c-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export class ChatSocket {
  private readonly live: RealtimeSocket;
  private readonly opts: Required<Omit<ChatSocketOptions, 'socket' | 'storage'>> & { storage: StorageLike | null };
  private readonly cases = new Map<string, CaseSub>();
  private outbox: OutboxItem[] = [];
  private outboxByCase = new Map<string, OutboxItem[]>();
  private readonly outboxListeners = new Set<() => void>();
  /** Lets go of the connection; set while any case is followed. */
  private release?: () => void;
  private readonly stop: () => void;

  constructor(options: ChatSocketOptions = {}) {
    this.live = options.socket ?? realtimeSocket();
    this.opts = {
      storage: options.storage === undefined ? defaultStorage() : options.storage,
      newId: options.newId ?? defaultId,
      typingEveryMs: options.typingEveryMs ?? 3_000,
      readEveryMs: options.readEveryMs ?? 1_500,
    };
    this.outbox = this.load();
    this.reindex();
    const offFrames = this.live.onFrame((f) => this.handle(f));
    const offEvents = this.live.listen((e) => {
      if (e.type === 'hello') this.greeted(e.userId);
      else if (e.type === 'state' && e.state !== 'online') for (const sub of this.cases.values()) sub.ready = false;
    });
    this.stop = () => {
      offFrames();
      offEvents();
    };
  }

  // --- what views use ---

  getState(): ConnectionState {
    return this.live.getState();
  }

  /** Hears connection state changes and the end of the session. */
  listen(cb: (e: SocketEvent) => void): () => void {
    return this.live.listen(cb);
  }

  /**
   * Follows a case's chat: the stored messages after `after` (the last one the view already
   * has), then the live ones. Returns the function that stops following.
   */
  subscribe(caseId: string, listener: CaseListener, after?: string): () => void {
    let sub = this.cases.get(caseId);
    if (!sub) {
      sub = { listeners: new Set(), cursorId: after, cursorSeq: 0, seen: new Set(), ready: false, everSubscribed: false, lastTyping: 0, readAt: 0 };
      this.cases.set(caseId, sub);
      this.sendSubscribe(caseId, sub);
    }
    sub.listeners.add(listener);
    this.holdWhileFollowing();
    return () => {
      sub.listeners.delete(listener);
      this.leave(caseId);
    };
  }

  /** Queues a message and sends it as soon as the case is subscribed; returns its client_id. */
  send(caseId: string, draft: Draft, userId: string): string {
    const item: OutboxItem = { ...draft, client_id: this.opts.newId(), case_id: caseId, user_id: userId, created_at: new Date().toISOString(), status: 'pending' };
    this.outbox = [...this.outbox, item];
    this.outboxChanged();
    this.transmit(item);
    return item.client_id;
  }

  /** Sends a failed message again, with the same client_id. */
  retry(clientId: string) {
    const item = this.outbox.find((o) => o.client_id === clientId);
    if (!item) return;
    const again: OutboxItem = { ...item, status: 'pending', error: undefined };
    this.outbox = this.outbox.map((o) => (o.client_id === clientId ? again : o));
    this.outboxChanged();
    this.holdWhileFollowing();
    this.transmit(again);
  }

  /** Drops a message that was not sent. */
  discard(clientId: string) {
    const item = this.outbox.find((o) => o.client_id === clientId);
    this.outbox = this.outbox.filter((o) => o.client_id !== clientId);
    this.outboxChanged();
    if (item) this.leave(item.case_id);
  }

  /** The case's messages not yet acknowledged, oldest first (a stable array between changes). */
  pending(caseId: string): OutboxItem[] {
    return this.outboxByCase.get(caseId) ?? EMPTY;
  }

  onOutbox(cb: () => void): () => void {
    this.outboxListeners.add(cb);
    return () => this.outboxListeners.delete(cb);
  }

  /** Tells the others that the user is typing (at most every few seconds). */
  typing(caseId: string) {
    const sub = this.cases.get(caseId);
    const now = Date.now();
    if (!sub || !sub.ready || now - sub.lastTyping < this.opts.typingEveryMs) return;
    sub.lastTyping = now;
    this.live.send({ type: 'typing', case_id: caseId });
  }

  /** Records that the user has read up to a message (the newest one shown); throttled. */
  read(caseId: string, messageId: string) {
    const sub = this.cases.get(caseId);
    if (!sub || sub.readSent === messageId) return;
    sub.readWanted = messageId;
    this.flushRead(caseId, sub);
  }

  /** Stops following every case and lets go of the connection; keeps the outbox (tests; never needed in the app). */
  dispose() {
    for (const sub of this.cases.values()) clearTimeout(sub.readTimer);
    this.cases.clear();
    this.holdWhileFollowing();
    this.stop();
  }

  // --- following cases ---

  /** The connection stays open while any case is followed. */
  private holdWhileFollowing() {
    if (this.cases.size > 0) this.release ??= this.live.hold();
    else if (this.release) {
      this.release();
      this.release = undefined;
    }
  }

  private leave(caseId: string) {
    const sub = this.cases.get(caseId);
    if (!sub || sub.listeners.size > 0) return;
    // A case with messages still to send stays subscribed until they are acknowledged.
    if (this.pending(caseId).some((o) => o.status === 'pending')) return;
    clearTimeout(sub.readTimer);
    // A read marker still waiting for its turn goes out before leaving.
    if (sub.ready && sub.readWanted && sub.readWanted !== sub.readSent) this.live.send({ type: 'read', case_id: caseId, message_id: sub.readWanted });
    this.cases.delete(caseId);
    this.live.send({ type: 'unsubscribe', case_id: caseId });
    this.holdWhileFollowing();
  }

  private sendSubscribe(caseId: string, sub: CaseSub) {
    this.live.send({ type: 'subscribe', case_id: caseId, ...(sub.cursorId ? { after: sub.cursorId } : {}) });
  }

  private transmit(item: OutboxItem) {
    const sub = this.cases.get(item.case_id);
    if (!sub?.ready || item.status !== 'pending' || item.user_id !== this.live.getUserId()) return;
    this.live.send({
      type: 'send',
      case_id: item.case_id,
      client_id: item.client_id,
      body: item.body,
      sensitivity: item.sensitivity,
      ...(item.reply_to ? { reply_to: item.reply_to } : {}),
      ...(item.mentions?.length ? { mentions: item.mentions } : {}),
      ...(item.attachment_id ? { attachment_id: item.attachment_id } : {}),
    });
  }

  private flushRead(caseId: string, sub: CaseSub) {
    if (sub.readTimer !== undefined) return;
    const wait = Math.max(0, sub.readAt + this.opts.readEveryMs - Date.now());
    const go = () => {
      sub.readTimer = undefined;
      if (!sub.readWanted || sub.readWanted === sub.readSent || !sub.ready) return;
      if (this.live.send({ type: 'read', case_id: caseId, message_id: sub.readWanted })) {
        sub.readSent = sub.readWanted;
        sub.readAt = Date.now();
      }
    };
    if (wait === 0) go();
    else sub.readTimer = setTimeout(go, wait);
  }

  // --- frames from the server ---

  /** A new connection is greeted: every followed case subscribes again, after its last message. */
  private greeted(userId: string) {
    // Another user signed in on this tab: their predecessor's queued messages are dropped.
    const foreign = this.outbox.filter((o) => o.user_id !== userId);
    if (foreign.length) {
      this.outbox = this.outbox.filter((o) => o.user_id === userId);
      this.outboxChanged();
    }
    for (const [caseId, sub] of this.cases) this.sendSubscribe(caseId, sub);
  }

  private handle(frame: Frame) {
    const f = frame as ServerFrame;
    switch (f.type) {
      case 'subscribed': {
        const sub = this.cases.get(f.case_id);
        if (!sub) return;
        sub.ready = true;
        const resumed = sub.everSubscribed;
        sub.everSubscribed = true;
        this.emitCase(f.case_id, { type: 'subscribed', resumed });
        for (const item of this.pending(f.case_id)) this.transmit(item);
        if (sub.readWanted && sub.readWanted !== sub.readSent) this.flushRead(f.case_id, sub);
        return;
      }
      case 'message': {
        const m = f.message;
        const sub = m && this.cases.get(m.case_id);
        if (!sub) return;
        // Messages come in storage order: the cursor follows them (never an ack, which may
        // overtake a message stored just before it).
        if (m.seq > sub.cursorSeq) {
          sub.cursorSeq = m.seq;
          sub.cursorId = m.id;
        }
        if (m.client_id && m.author_id === this.live.getUserId()) this.resolve(m.client_id);
        if (sub.seen.has(m.id)) return;
        sub.seen.add(m.id);
        this.emitCase(m.case_id, { type: 'message', message: m });
        return;
      }
      case 'ack': {
        const m = f.message;
        this.resolve(f.client_id);
        if (!m) return;
        const sub = this.cases.get(m.case_id);
        if (!sub) return;
        sub.seen.add(m.id);
        this.emitCase(m.case_id, { type: 'ack', clientId: f.client_id, message: m });
        return;
      }
      case 'update':
        if (f.message) this.emitCase(f.message.case_id, { type: 'update', message: f.message });
        return;
      case 'read':
        this.emitCase(f.case_id, { type: 'read', userId: f.user_id, seq: f.seq });
        return;
      case 'typing':
        this.emitCase(f.case_id, { type: 'typing', userId: f.user_id });
        return;
      case 'presence':
        this.emitCase(f.case_id, { type: 'presence', userIds: f.user_ids ?? [] });
        return;
      case 'error':
        this.handleError(f);
        return;
    }
  }

  private handleError(f: Extract<ServerFrame, { type: 'error' }>) {
    const error: FrameError = { status: f.status, code: f.code, detail: f.detail, errors: f.errors, retry_after: f.retry_after };
    if (f.client_id) {
      if (!this.outbox.some((o) => o.client_id === f.client_id)) return;
      this.outbox = this.outbox.map((o) => (o.client_id === f.client_id ? { ...o, status: 'failed', error } : o));
      this.outboxChanged();
      return;
    }
    if (!f.case_id) return;
    const sub = this.cases.get(f.case_id);
    if (!sub) return;
    if (f.code === 'access_ended' || (f.status === 404 && !sub.ready)) {
      // The chat is over for this user: no resubscribing, and nothing left to send there.
      clearTimeout(sub.readTimer);
      this.cases.delete(f.case_id);
      this.outbox = this.outbox.map((o) => (o.case_id === f.case_id && o.status === 'pending' ? { ...o, status: 'failed', error } : o));
      this.outboxChanged();
      for (const l of [...sub.listeners]) l({ type: 'closed', reason: f.code === 'access_ended' ? 'access_ended' : 'not_found', detail: f.detail });
      this.holdWhileFollowing();
      return;
    }
    if (!sub.ready && f.errors?.some((e) => e.field === 'after')) {
      // The message to resume after is unknown here: take the whole backlog (deduped by id).
      sub.cursorId = undefined;
      sub.cursorSeq = 0;
      this.sendSubscribe(f.case_id, sub);
    }
  }

  /** An acknowledged message leaves the outbox. */
  private resolve(clientId: string) {
    const item = this.outbox.find((o) => o.client_id === clientId);
    if (!item) return;
    this.outbox = this.outbox.filter((o) => o.client_id !== clientId);
    this.outboxChanged();
    this.leave(item.case_id);
  }

  private emitCase(caseId: string, e: CaseEvent) {
    const sub = this.cases.get(caseId);
    if (!sub) return;
    for (const l of [...sub.listeners]) l(e);
  }

  // --- the outbox in sessionStorage ---

  private load(): OutboxItem[] {
    try {
      const raw = this.opts.storage?.getItem(STORAGE_KEY);
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      return Array.isArray(parsed)
        ? parsed.filter((o): o is OutboxItem => !!o && typeof o === 'object' && typeof o.client_id === 'string' && typeof o.case_id === 'string' && typeof o.user_id === 'string')
        : [];
    } catch {
      return [];
    }
  }

  private outboxChanged() {
    this.reindex();
    try {
      if (this.outbox.length) this.opts.storage?.setItem(STORAGE_KEY, JSON.stringify(this.outbox));
      else this.opts.storage?.removeItem(STORAGE_KEY);
    } catch {
      // storage full or unavailable: the outbox still lives for this page
    }
    for (const l of [...this.outboxListeners]) l();
  }

  private reindex() {
    const next = new Map<string, OutboxItem[]>();
    for (const o of this.outbox) next.set(o.case_id, [...(next.get(o.case_id) ?? []), o]);
    // Keep the arrays of cases that did not change, so that their views do not re-render.
    for (const [caseId, items] of next) {
      const before = this.outboxByCase.get(caseId);
      if (before && before.length === items.length && before.every((o, i) => o === items[i])) next.set(caseId, before);
    }
    this.outboxByCase = next;
  }
}

const EMPTY: OutboxItem[] = [];

let shared: ChatSocket | null = null;

/** The tab's chat, over its one connection. */
export function chatSocket(): ChatSocket {
  shared ??= new ChatSocket();
  return shared;
}

/** Replaces the shared chat (tests). */
export function setChatSocket(s: ChatSocket | null) {
  shared?.dispose();
  shared = s;
}
