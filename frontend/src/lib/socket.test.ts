import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '@/test/fakeSocket';
import { RealtimeSocket, type AlertSignal, type Frame, type SocketEvent } from './socket';

const last = () => FakeSocket.last();

function makeSocket(random = () => 0.5) {
  return new RealtimeSocket({ url: 'ws://test/api/v1/ws', connect: (u) => new FakeSocket(u), random, lingerMs: 1000 });
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.all = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('RealtimeSocket: the connection', () => {
  it('opens while held, is online after the hello, and passes on the frames', () => {
    const s = makeSocket();
    const frames: Frame[] = [];
    s.onFrame((f) => frames.push(f));
    expect(FakeSocket.all).toHaveLength(0);
    s.hold();
    expect(FakeSocket.all).toHaveLength(1);
    expect(last().url).toBe('ws://test/api/v1/ws');
    expect(s.getState()).toBe('connecting');
    expect(s.send({ type: 'ping' })).toBe(false);
    last().accept('u1');
    expect(s.getState()).toBe('online');
    expect(s.getUserId()).toBe('u1');
    expect(s.send({ type: 'subscribe', case_id: 'c1' })).toBe(true);
    expect(last().sent).toEqual([{ type: 'subscribe', case_id: 'c1' }]);
    last().receive({ type: 'pong' });
    last().receive({ type: 'subscribed', case_id: 'c1' });
    expect(frames).toEqual([{ type: 'subscribed', case_id: 'c1' }]);
    s.dispose();
  });

  it('backs off exponentially with jitter up to about 30 seconds', () => {
    const rolls = [0, 1];
    let n = 0;
    const s = makeSocket(() => rolls[n++ % 2]!);
    s.hold();
    const waits: number[] = [];
    for (let i = 0; i < 9; i++) {
      last().drop();
      const before = FakeSocket.all.length;
      let waited = 0;
      while (FakeSocket.all.length === before) {
        vi.advanceTimersByTime(50);
        waited += 50;
      }
      waits.push(waited);
    }
    // Half the delay fixed, half random (0 or all of it here), doubling from 0.5 s, capped at 30 s.
    expect(waits).toEqual([250, 1000, 1000, 4000, 4000, 16000, 15000, 30000, 15000]);
    s.dispose();
  });

  it('reconnects at once after a "too slow" close (4008), whatever the backoff had reached', () => {
    const s = makeSocket();
    s.hold();
    for (let i = 0; i < 4; i++) {
      last().drop();
      vi.advanceTimersByTime(16_000);
    }
    // Open, but dropped as too slow before the hello could reset the backoff.
    last().onopen?.(new Event('open'));
    last().drop(4008);
    const before = FakeSocket.all.length;
    vi.advanceTimersByTime(500);
    expect(FakeSocket.all).toHaveLength(before + 1);
    s.dispose();
  });

  it('stops on 4001 (session ended) and says so; holding it again after a new sign-in opens it again', () => {
    const s = makeSocket();
    const heard: SocketEvent[] = [];
    s.listen((e) => heard.push(e));
    const release = s.hold();
    last().accept();
    last().drop(4001);
    expect(heard).toContainEqual({ type: 'session_ended' });
    expect(s.getState()).toBe('ended');
    expect(s.getUserId()).toBeNull();
    vi.advanceTimersByTime(60_000);
    window.dispatchEvent(new Event('online'));
    expect(FakeSocket.all).toHaveLength(1);
    release();
    s.hold();
    expect(FakeSocket.all).toHaveLength(2);
    s.dispose();
  });

  it('reports a refused handshake, so the app can check the session', () => {
    const s = makeSocket();
    const heard: SocketEvent[] = [];
    s.listen((e) => heard.push(e));
    s.hold();
    last().drop();
    expect(heard).toContainEqual({ type: 'handshake_failed' });
    expect(s.getState()).toBe('offline');
    s.dispose();
  });

  it('closes a while after the last holder lets go, and a quick return reuses it', () => {
    const s = makeSocket();
    const a = s.hold();
    const b = s.hold();
    last().accept();
    a();
    a();
    vi.advanceTimersByTime(5000);
    expect(last().closedWith).toBeUndefined();
    b();
    vi.advanceTimersByTime(500);
    const c = s.hold();
    vi.advanceTimersByTime(5000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(last().closedWith).toBeUndefined();
    c();
    vi.advanceTimersByTime(1000);
    expect(last().closedWith).toBe(1000);
    expect(s.getState()).toBe('idle');
    s.dispose();
  });

  it('pings, and treats a connection that stops answering as lost', () => {
    const s = makeSocket();
    s.hold();
    const ws = last();
    ws.accept();
    vi.advanceTimersByTime(25_000);
    expect(ws.ofType('ping')).toHaveLength(1);
    ws.receive({ type: 'pong' });
    vi.advanceTimersByTime(25_000);
    expect(ws.ofType('ping')).toHaveLength(2);
    vi.advanceTimersByTime(10_000);
    expect(s.getState()).toBe('offline');
    s.dispose();
  });

  it('closes at once on disconnect (signing out) and stays closed until held again', () => {
    const s = makeSocket();
    s.hold();
    const ws = last();
    ws.accept();
    s.disconnect();
    expect(ws.closedWith).toBe(1000);
    expect(s.getState()).toBe('idle');
    // The server's 4001 for the ended session no longer reaches the client.
    ws.drop(4001);
    expect(s.getState()).toBe('idle');
    window.dispatchEvent(new Event('online'));
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
    // Signing out failed: the holders still there have it back.
    s.reconnect();
    expect(FakeSocket.all).toHaveLength(2);
    s.dispose();
  });
});

describe('RealtimeSocket: alerts', () => {
  it('opens the connection for an alert listener alone, and calls it on each alert frame and after a reconnect', () => {
    const s = makeSocket();
    const heard: AlertSignal[] = [];
    const stop = s.onAlert((why) => heard.push(why));
    expect(FakeSocket.all).toHaveLength(1);
    last().accept();
    // The first hello is not a reconnect: the count was just read.
    expect(heard).toEqual([]);
    last().receive({ type: 'alert' });
    last().receive({ type: 'presence', case_id: 'c1', user_ids: [] });
    last().receive({ type: 'alert' });
    expect(heard).toEqual(['alert', 'alert']);
    last().drop();
    vi.advanceTimersByTime(1000);
    last().accept();
    expect(heard).toEqual(['alert', 'alert', 'reconnected']);
    stop();
    last().receive({ type: 'alert' });
    expect(heard).toHaveLength(3);
    vi.advanceTimersByTime(1000);
    expect(last().closedWith).toBe(1000);
    s.dispose();
  });

  it('a listener added while online counts the next hello as a reconnect', () => {
    const s = makeSocket();
    s.hold();
    last().accept();
    const heard: AlertSignal[] = [];
    s.onAlert((why) => heard.push(why));
    last().drop();
    vi.advanceTimersByTime(1000);
    last().accept();
    expect(heard).toEqual(['reconnected']);
    s.dispose();
  });
});
