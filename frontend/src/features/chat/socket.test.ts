import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RealtimeSocket } from '@/lib/socket';
import { FakeSocket } from '@/test/fakeSocket';
import { ChatSocket, type CaseEvent } from './socket';
import type { Message } from './types';

const last = () => FakeSocket.all.at(-1)!;

function msg(seq: number, over: Partial<Message> = {}): Message {
  return {
    id: `m${seq}`,
    case_id: 'c1',
    seq,
    author_id: 'other',
    author_name: 'Jelena',
    body: `poruka ${seq}`,
    sensitivity: 'general',
    reply_to: null,
    client_id: null,
    attachment_id: null,
    mentions: [],
    version: 1,
    created_at: '2026-11-24T13:00:00Z',
    edited_at: null,
    deleted_at: null,
    ...over,
  };
}

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

let ids = 0;
let connections: RealtimeSocket[] = [];
/** The chat over a connection of its own (the connection itself is tested in src/lib/socket.test.ts). */
function makeSocket(storage = memoryStorage()) {
  const live = new RealtimeSocket({ url: 'ws://test/api/v1/ws', connect: (u) => new FakeSocket(u), random: () => 0.5, lingerMs: 1000 });
  connections.push(live);
  return new ChatSocket({ socket: live, storage, newId: () => `cid-${++ids}` });
}

/** Subscribes and records what the case hears. */
function follow(s: ChatSocket, after?: string) {
  const events: CaseEvent[] = [];
  const stop = s.subscribe('c1', (e) => events.push(e), after);
  return { events, stop, messages: () => events.filter((e) => e.type === 'message').map((e) => (e as { message: Message }).message.id) };
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.all = [];
  ids = 0;
});
afterEach(() => {
  for (const c of connections) c.dispose();
  connections = [];
  vi.useRealTimers();
});

describe('ChatSocket: subscriptions and resume', () => {
  it('subscribes after the hello, from the last message the view has', () => {
    const s = makeSocket();
    follow(s, 'm5');
    expect(FakeSocket.all).toHaveLength(1);
    expect(last().url).toBe('ws://test/api/v1/ws');
    expect(s.getState()).toBe('connecting');
    last().accept();
    expect(s.getState()).toBe('online');
    expect(last().ofType('subscribe')).toEqual([{ type: 'subscribe', case_id: 'c1', after: 'm5' }]);
    s.dispose();
  });

  it('reconnects after a drop and resubscribes after the last message received, delivering nothing twice', () => {
    const s = makeSocket();
    const c = follow(s);
    const first = last();
    first.accept();
    expect(first.ofType('subscribe')).toEqual([{ type: 'subscribe', case_id: 'c1' }]);
    first.receive({ type: 'subscribed', case_id: 'c1' });
    first.receive({ type: 'message', message: msg(1) });
    first.receive({ type: 'message', message: msg(2) });
    first.drop();
    expect(s.getState()).toBe('offline');
    expect(FakeSocket.all).toHaveLength(1);

    vi.advanceTimersByTime(1000);
    expect(FakeSocket.all).toHaveLength(2);
    const second = last();
    second.accept();
    expect(second.ofType('subscribe')).toEqual([{ type: 'subscribe', case_id: 'c1', after: 'm2' }]);
    second.receive({ type: 'subscribed', case_id: 'c1' });
    // A backlog that overlaps what was delivered (a message seen twice) is deduped by id.
    second.receive({ type: 'message', message: msg(2) });
    second.receive({ type: 'message', message: msg(3) });
    second.receive({ type: 'message', message: msg(3) });
    expect(c.messages()).toEqual(['m1', 'm2', 'm3']);
    expect(c.events.filter((e) => e.type === 'subscribed')).toEqual([
      { type: 'subscribed', resumed: false },
      { type: 'subscribed', resumed: true },
    ]);
    s.dispose();
  });

  it('resumes after a "too slow" close (4008)', () => {
    const s = makeSocket();
    follow(s);
    last().accept();
    last().receive({ type: 'subscribed', case_id: 'c1' });
    last().receive({ type: 'message', message: msg(7) });
    for (let i = 0; i < 4; i++) {
      last().drop();
      vi.advanceTimersByTime(1000);
      last().accept();
    }
    last().drop(4008);
    vi.advanceTimersByTime(500);
    last().accept();
    expect(last().ofType('subscribe')).toEqual([{ type: 'subscribe', case_id: 'c1', after: 'm7' }]);
    s.dispose();
  });

  it('closes the connection a while after the last chat closes', () => {
    const s = makeSocket();
    const c = follow(s);
    last().accept();
    last().receive({ type: 'subscribed', case_id: 'c1' });
    c.stop();
    expect(last().ofType('unsubscribe')).toEqual([{ type: 'unsubscribe', case_id: 'c1' }]);
    vi.advanceTimersByTime(1000);
    expect(last().closedWith).toBe(1000);
    expect(s.getState()).toBe('idle');
    s.dispose();
  });

  it('shares the connection the app holds for alerts, and leaves it open when the chat closes', () => {
    const s = makeSocket();
    const live = connections.at(-1)!;
    const alerts: string[] = [];
    live.onAlert((why) => alerts.push(why));
    last().accept();
    const c = follow(s);
    expect(FakeSocket.all).toHaveLength(1);
    expect(last().ofType('subscribe')).toEqual([{ type: 'subscribe', case_id: 'c1' }]);
    last().receive({ type: 'subscribed', case_id: 'c1' });
    last().receive({ type: 'alert' });
    expect(alerts).toEqual(['alert']);
    c.stop();
    vi.advanceTimersByTime(20_000);
    expect(last().closedWith).toBeUndefined();
    expect(s.getState()).toBe('online');
    s.dispose();
  });
});

describe('ChatSocket: the outbox', () => {
  it('queues a send made offline, keeps it in sessionStorage, and sends it once subscribed', () => {
    const storage = memoryStorage();
    const s = makeSocket(storage);
    follow(s);
    const id = s.send('c1', { body: 'Dolazim u 10', sensitivity: 'general' }, 'me');
    expect(s.pending('c1')).toMatchObject([{ client_id: id, status: 'pending', body: 'Dolazim u 10' }]);
    expect(JSON.parse(storage.data.get('zajedno.chat.outbox')!)).toHaveLength(1);
    const ws = last();
    ws.accept();
    expect(ws.ofType('send')).toEqual([]);
    ws.receive({ type: 'subscribed', case_id: 'c1' });
    expect(ws.ofType('send')).toEqual([{ type: 'send', case_id: 'c1', client_id: id, body: 'Dolazim u 10', sensitivity: 'general' }]);
    s.dispose();
  });

  it('sends again with the same client_id after a drop until acknowledged', () => {
    const storage = memoryStorage();
    const s = makeSocket(storage);
    const c = follow(s);
    last().accept();
    last().receive({ type: 'subscribed', case_id: 'c1' });
    const id = s.send('c1', { body: 'Idem kod njih', sensitivity: 'health', mentions: ['u2'], reply_to: 'm1' }, 'me');
    expect(last().ofType('send')).toEqual([{ type: 'send', case_id: 'c1', client_id: id, body: 'Idem kod njih', sensitivity: 'health', mentions: ['u2'], reply_to: 'm1' }]);
    last().drop();
    vi.advanceTimersByTime(1000);
    last().accept();
    last().receive({ type: 'subscribed', case_id: 'c1' });
    expect(last().ofType('send')).toMatchObject([{ client_id: id }]);
    const stored = msg(4, { author_id: 'me', client_id: id, body: 'Idem kod njih' });
    last().receive({ type: 'ack', client_id: id, message: stored });
    expect(s.pending('c1')).toEqual([]);
    expect(storage.data.has('zajedno.chat.outbox')).toBe(false);
    // The message's own delivery after the ack is not a second message.
    last().receive({ type: 'message', message: stored });
    expect(c.events.filter((e) => e.type === 'ack')).toHaveLength(1);
    expect(c.messages()).toEqual([]);
    s.dispose();
  });

  it('takes the stored message arriving in a backlog as the acknowledgement', () => {
    const s = makeSocket();
    follow(s);
    last().accept();
    const id = s.send('c1', { body: 'x', sensitivity: 'general' }, 'me');
    last().receive({ type: 'subscribed', case_id: 'c1' });
    last().receive({ type: 'message', message: msg(9, { author_id: 'me', client_id: id }) });
    expect(s.pending('c1')).toEqual([]);
    s.dispose();
  });

  it('marks a refused send failed with the reason, and retries it with the same client_id', () => {
    const s = makeSocket();
    follow(s);
    last().accept();
    last().receive({ type: 'subscribed', case_id: 'c1' });
    const id = s.send('c1', { body: 'Pritisak 180/110', sensitivity: 'health' }, 'me');
    last().receive({
      type: 'error',
      case_id: 'c1',
      client_id: id,
      status: 422,
      code: 'validation',
      detail: 'Check the fields.',
      errors: [{ field: 'sensitivity', message: 'You cannot mark a message with a sensitivity your own role may not read.' }],
    });
    expect(s.pending('c1')).toMatchObject([{ client_id: id, status: 'failed', error: { status: 422, code: 'validation', errors: [{ field: 'sensitivity' }] } }]);
    // A failed message is not sent again on its own, even after a reconnect.
    last().drop();
    vi.advanceTimersByTime(1000);
    last().accept();
    last().receive({ type: 'subscribed', case_id: 'c1' });
    expect(last().ofType('send')).toEqual([]);
    s.retry(id);
    expect(s.pending('c1')).toMatchObject([{ client_id: id, status: 'pending' }]);
    expect(last().ofType('send')).toMatchObject([{ client_id: id, body: 'Pritisak 180/110' }]);
    s.discard(id);
    expect(s.pending('c1')).toEqual([]);
    s.dispose();
  });

  it('never sends another user\'s queued messages', () => {
    const storage = memoryStorage();
    const a = makeSocket(storage);
    follow(a);
    a.send('c1', { body: 'from A', sensitivity: 'general' }, 'userA');
    a.dispose();
    const b = makeSocket(storage);
    expect(b.pending('c1')).toHaveLength(1);
    follow(b);
    last().accept('userB');
    last().receive({ type: 'subscribed', case_id: 'c1' });
    expect(last().ofType('send')).toEqual([]);
    expect(b.pending('c1')).toEqual([]);
    b.dispose();
  });

  it('closes the chat when access ends: no resubscribing, and what waited is marked failed', () => {
    const s = makeSocket();
    const c = follow(s);
    last().accept();
    last().receive({ type: 'subscribed', case_id: 'c1' });
    last().drop();
    const id = s.send('c1', { body: 'x', sensitivity: 'general' }, 'me');
    vi.advanceTimersByTime(1000);
    last().accept();
    last().receive({ type: 'error', case_id: 'c1', status: 404, code: 'access_ended', detail: 'You no longer have access to this case, so its chat has closed for you.' });
    expect(c.events.at(-1)).toEqual({ type: 'closed', reason: 'access_ended', detail: expect.any(String) });
    expect(s.pending('c1')).toMatchObject([{ client_id: id, status: 'failed', error: { code: 'access_ended' } }]);
    const sockets = FakeSocket.all.length;
    last().drop();
    vi.advanceTimersByTime(60_000);
    // Nothing left to follow: no reconnecting for it.
    expect(FakeSocket.all).toHaveLength(sockets);
    expect(s.getState()).toBe('idle');
    s.dispose();
  });
});

describe('ChatSocket: reads and typing', () => {
  it('sends read markers at most every 1.5 s, the newest one last', () => {
    const s = makeSocket();
    follow(s);
    last().accept();
    last().receive({ type: 'subscribed', case_id: 'c1' });
    s.read('c1', 'm1');
    s.read('c1', 'm2');
    s.read('c1', 'm3');
    expect(last().ofType('read')).toEqual([{ type: 'read', case_id: 'c1', message_id: 'm1' }]);
    vi.advanceTimersByTime(1500);
    expect(last().ofType('read')).toEqual([
      { type: 'read', case_id: 'c1', message_id: 'm1' },
      { type: 'read', case_id: 'c1', message_id: 'm3' },
    ]);
    s.dispose();
  });

  it('sends a read marker still waiting when the chat closes', () => {
    const s = makeSocket();
    const c = follow(s);
    last().accept();
    last().receive({ type: 'subscribed', case_id: 'c1' });
    s.read('c1', 'm1');
    s.read('c1', 'm2');
    c.stop();
    expect(last().sent.slice(-2)).toEqual([
      { type: 'read', case_id: 'c1', message_id: 'm2' },
      { type: 'unsubscribe', case_id: 'c1' },
    ]);
    s.dispose();
  });

  it('tells that the user is typing at most every few seconds', () => {
    const s = makeSocket();
    follow(s);
    last().accept();
    last().receive({ type: 'subscribed', case_id: 'c1' });
    s.typing('c1');
    s.typing('c1');
    expect(last().ofType('typing')).toHaveLength(1);
    vi.advanceTimersByTime(3000);
    s.typing('c1');
    expect(last().ofType('typing')).toHaveLength(2);
    s.dispose();
  });

  it('passes on read, typing, presence and update frames', () => {
    const s = makeSocket();
    const c = follow(s);
    last().accept();
    last().receive({ type: 'subscribed', case_id: 'c1' });
    last().receive({ type: 'read', case_id: 'c1', user_id: 'u2', seq: 3 });
    last().receive({ type: 'typing', case_id: 'c1', user_id: 'u2' });
    last().receive({ type: 'presence', case_id: 'c1', user_ids: ['me', 'u2'] });
    last().receive({ type: 'update', message: msg(3, { version: 2, deleted_at: '2026-11-24T14:00:00Z', body: '' }) });
    expect(c.events.slice(1).map((e) => e.type)).toEqual(['read', 'typing', 'presence', 'update']);
    s.dispose();
  });
});
