import type { SocketLike } from '@/lib/socket';

/** A WebSocket the test drives: it records what the client sends and plays the server. */
export class FakeSocket implements SocketLike {
  static all: FakeSocket[] = [];
  static last(): FakeSocket {
    const ws = FakeSocket.all.at(-1);
    if (!ws) throw new Error('no socket was opened');
    return ws;
  }
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  closedWith?: number;
  onopen: ((ev: Event) => void) | null = null;
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onclose: ((ev: CloseEvent) => void) | null = null;
  onerror: ((ev: Event) => void) | null = null;
  constructor(readonly url = 'ws://test') {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code?: number) {
    this.readyState = 3;
    this.closedWith = code;
  }
  /** The handshake succeeds and the hub says hello. */
  accept(userId = 'me') {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
    this.receive({ type: 'hello', user_id: userId });
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) } as MessageEvent);
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code } as CloseEvent);
  }
  ofType(type: string) {
    return this.sent.filter((f) => f.type === type);
  }
}
