// The tab's one websocket to the server (/api/v1/ws), shared by whatever needs it: the signed-in
// app hears alert frames on it, an open chat follows its case. It is open while anything holds it
// and closes a while after the last holder lets go; it reconnects with exponential backoff and
// jitter, pings to find a connection that died silently, and stops for good when the session
// ends (close code 4001). What the frames mean is for the holders: this client only routes them.

/** idle: nothing holds the connection; ended: the session ended (close code 4001), so no reconnecting. */
export type ConnectionState = 'idle' | 'connecting' | 'online' | 'offline' | 'ended';

export type SocketEvent =
  | { type: 'state'; state: ConnectionState }
  /** The hub greeted the connection (after every reconnect too): frames may be sent now. */
  | { type: 'hello'; userId: string }
  | { type: 'session_ended' }
  | { type: 'handshake_failed' };

/** A frame from the server: its type, and whatever else that type carries. */
export type Frame = { type: string; [field: string]: unknown };

/** Why an alert listener is called: an alert was raised or settled, or the connection came back (frames may have been missed). */
export type AlertSignal = 'alert' | 'reconnected';

/** The part of the browser's WebSocket this client uses (tests give a fake). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: Event) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
  onerror: ((ev: Event) => void) | null;
}
export type SocketFactory = (url: string) => SocketLike;

export type RealtimeSocketOptions = {
  url?: string;
  connect?: SocketFactory;
  random?: () => number;
  /** How long the connection stays open after the last holder lets go. */
  lingerMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  pingEveryMs?: number;
  pongTimeoutMs?: number;
};

const OPEN = 1;
export const CLOSE_SESSION_ENDED = 4001;
export const CLOSE_TOO_SLOW = 4008;

function defaultUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/api/v1/ws`;
}

export class RealtimeSocket {
  private readonly opts: Required<Omit<RealtimeSocketOptions, 'url'>> & { url?: string };
  private ws: SocketLike | null = null;
  private opened = false;
  private state: ConnectionState = 'idle';
  private attempts = 0;
  private holds = 0;
  /** Closed on purpose (signing out): no reconnecting until something holds the connection again. */
  private paused = false;
  private userId: string | null = null;
  private reconnectTimer?: ReturnType<typeof setTimeout>;
  private lingerTimer?: ReturnType<typeof setTimeout>;
  private pingTimer?: ReturnType<typeof setInterval>;
  private pongTimer?: ReturnType<typeof setTimeout>;
  private readonly eventListeners = new Set<(e: SocketEvent) => void>();
  private readonly frameListeners = new Set<(f: Frame) => void>();
  private readonly onOnline = () => {
    if (this.ws === null && this.wanted() && this.state !== 'ended') {
      this.attempts = 0;
      this.connectNow();
    }
  };

  constructor(options: RealtimeSocketOptions = {}) {
    this.opts = {
      url: options.url,
      connect: options.connect ?? ((url) => new WebSocket(url) as unknown as SocketLike),
      random: options.random ?? Math.random,
      lingerMs: options.lingerMs ?? 15_000,
      baseDelayMs: options.baseDelayMs ?? 500,
      maxDelayMs: options.maxDelayMs ?? 30_000,
      pingEveryMs: options.pingEveryMs ?? 25_000,
      pongTimeoutMs: options.pongTimeoutMs ?? 10_000,
    };
    if (typeof window !== 'undefined') window.addEventListener('online', this.onOnline);
  }

  getState(): ConnectionState {
    return this.state;
  }

  /** The user the hub greeted on this connection; null before the hello and after the session ended. */
  getUserId(): string | null {
    return this.userId;
  }

  /** Hears connection state changes, each hello, and the end of the session. */
  listen(cb: (e: SocketEvent) => void): () => void {
    this.eventListeners.add(cb);
    return () => this.eventListeners.delete(cb);
  }

  /** Hears every frame from the server (it does not keep the connection open: see hold). */
  onFrame(cb: (f: Frame) => void): () => void {
    this.frameListeners.add(cb);
    return () => this.frameListeners.delete(cb);
  }

  /** Keeps the connection open (opening it if need be) until the returned function is called. */
  hold(): () => void {
    this.holds += 1;
    this.paused = false;
    this.ensureConnected();
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.holds -= 1;
      this.idleLater();
    };
  }

  /**
   * Calls the listener for each `{"type":"alert"}` frame (an alert of the user's was raised or
   * settled; the frame says no more) and after each reconnect, since frames sent while the
   * connection was down are lost. Holds the connection open until the returned function is called.
   */
  onAlert(listener: (why: AlertSignal) => void): () => void {
    let greeted = this.state === 'online';
    const offFrame = this.onFrame((f) => f.type === 'alert' && listener('alert'));
    const offEvents = this.listen((e) => {
      if (e.type !== 'hello') return;
      if (greeted) listener('reconnected');
      greeted = true;
    });
    const release = this.hold();
    return () => {
      offFrame();
      offEvents();
      release();
    };
  }

  /** Sends a frame if the connection is open and greeted; false when it could not. */
  send(frame: Record<string, unknown>): boolean {
    const ws = this.ws;
    if (!ws || !this.userId || ws.readyState !== OPEN) return false;
    try {
      ws.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Closes the connection now and keeps it closed until something holds it again (signing out:
   * the server's 4001 for the session being ended must not read as the session ending on its own).
   */
  disconnect() {
    this.paused = true;
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.lingerTimer);
    this.reconnectTimer = this.lingerTimer = undefined;
    this.closeSocket(1000);
    this.userId = null;
    this.setState('idle');
  }

  /** Opens the connection again after disconnect, if anything still holds it (signing out failed). */
  reconnect() {
    this.paused = false;
    if (this.wanted()) this.ensureConnected();
  }

  /** Closes the connection and forgets the holders and listeners (tests; never needed in the app). */
  dispose() {
    if (typeof window !== 'undefined') window.removeEventListener('online', this.onOnline);
    this.holds = 0;
    this.closeSocket(1000);
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.lingerTimer);
    this.reconnectTimer = this.lingerTimer = undefined;
    this.setState('idle');
    this.eventListeners.clear();
    this.frameListeners.clear();
  }

  // --- the connection ---

  private wanted(): boolean {
    return this.holds > 0 && !this.paused;
  }

  private ensureConnected() {
    clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
    if (this.ws || this.reconnectTimer !== undefined) return;
    if (this.state === 'ended') this.attempts = 0;
    this.connectNow();
  }

  private connectNow() {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.setState(this.state === 'offline' ? 'offline' : 'connecting');
    let ws: SocketLike;
    try {
      ws = this.opts.connect(this.opts.url ?? defaultUrl());
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    this.opened = false;
    ws.onopen = () => {
      this.opened = true;
    };
    ws.onmessage = (ev) => {
      if (this.ws !== ws) return;
      this.heard();
      let f: Frame;
      try {
        f = JSON.parse(String(ev.data)) as Frame;
      } catch {
        return;
      }
      if (f && typeof f === 'object' && typeof f.type === 'string') this.handle(f);
    };
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      this.lost(ev.code);
    };
    ws.onerror = () => {
      // onclose follows and decides
    };
  }

  /** The connection ended (code from the close frame, or 1006 when it just died). */
  private lost(code: number) {
    const ws = this.ws;
    const opened = this.opened;
    this.ws = null;
    this.opened = false;
    this.stopPing();
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    }
    if (code === CLOSE_SESSION_ENDED) {
      this.userId = null;
      this.setState('ended');
      this.emit({ type: 'session_ended' });
      return;
    }
    if (!this.wanted()) {
      this.setState('idle');
      return;
    }
    this.setState('offline');
    // A handshake refused (the session may have ended): the app checks who is signed in.
    if (!opened) this.emit({ type: 'handshake_failed' });
    this.scheduleReconnect(code === CLOSE_TOO_SLOW);
  }

  private scheduleReconnect(soon = false) {
    clearTimeout(this.reconnectTimer);
    // Exponential backoff with "equal jitter": half the delay fixed, half random, capped.
    const ceiling = Math.min(this.opts.maxDelayMs, this.opts.baseDelayMs * 2 ** (soon ? 0 : this.attempts));
    const delay = ceiling / 2 + this.opts.random() * (ceiling / 2);
    this.attempts = Math.min(this.attempts + 1, 30);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.wanted()) this.connectNow();
      else this.setState('idle');
    }, delay);
  }

  private closeSocket(code: number) {
    const ws = this.ws;
    this.ws = null;
    this.opened = false;
    this.stopPing();
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
      try {
        ws.close(code);
      } catch {
        // already closed
      }
    }
  }

  /** With nothing holding it, the connection closes after a while (a quick return reuses it). */
  private idleLater() {
    if (this.holds > 0) return;
    clearTimeout(this.lingerTimer);
    this.lingerTimer = setTimeout(() => {
      this.lingerTimer = undefined;
      if (this.holds > 0) return;
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = undefined;
      this.closeSocket(1000);
      if (this.state !== 'ended') this.setState('idle');
    }, this.opts.lingerMs);
  }

  /** Pings keep proxies from dropping an idle connection and find one that died silently. */
  private startPing() {
    this.stopPing();
    this.pingTimer = setInterval(() => {
      if (!this.send({ type: 'ping' })) return;
      clearTimeout(this.pongTimer);
      this.pongTimer = setTimeout(() => {
        this.closeSocket(4000);
        this.lost(1006);
      }, this.opts.pongTimeoutMs);
    }, this.opts.pingEveryMs);
  }

  private stopPing() {
    clearInterval(this.pingTimer);
    clearTimeout(this.pongTimer);
    this.pingTimer = this.pongTimer = undefined;
  }

  /** Any frame shows the connection is alive. */
  private heard() {
    clearTimeout(this.pongTimer);
    this.pongTimer = undefined;
  }

  private handle(f: Frame) {
    if (f.type === 'pong') return;
    if (f.type === 'hello') {
      this.userId = String(f.user_id ?? '');
      this.attempts = 0;
      this.setState('online');
      this.startPing();
      this.emit({ type: 'hello', userId: this.userId });
      return;
    }
    for (const l of [...this.frameListeners]) l(f);
  }

  private emit(e: SocketEvent) {
    for (const l of [...this.eventListeners]) l(e);
  }

  private setState(s: ConnectionState) {
    if (this.state === s) return;
    this.state = s;
    this.emit({ type: 'state', state: s });
  }
}

let shared: RealtimeSocket | null = null;

/** The tab's one connection. */
export function realtimeSocket(): RealtimeSocket {
  shared ??= new RealtimeSocket();
  return shared;
}

/** Replaces the shared connection (tests). */
export function setRealtimeSocket(s: RealtimeSocket | null) {
  shared?.dispose();
  shared = s;
}
