// Shapes of the chat API (backend/internal/chat): messages, read markers, promotions, and the
// frames of the websocket protocol.
import type { Sensitivity } from '@/lib/types';

/** One message as its reader sees it; a deleted one is a tombstone (empty body, deleted_at set). */
export type Message = {
  id: string;
  case_id: string;
  seq: number;
  author_id: string;
  author_name: string;
  body: string;
  sensitivity: Sensitivity;
  reply_to: string | null;
  client_id: string | null;
  attachment_id: string | null;
  mentions: string[];
  version: number;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
};

/** How far a member has read a case's chat. */
export type ChatRead = { user_id: string; display_name: string; last_seq: number; at: string };

export type PromotionKind = 'task' | 'entry' | 'action';

/** The item made from a message. */
export type Promoted = { kind: PromotionKind; id: string; case_id: string; source_message_id: string };

/** What a member sends. */
export type Draft = {
  body: string;
  sensitivity: Sensitivity;
  reply_to?: string;
  mentions?: string[];
  attachment_id?: string;
  /** Shown while the message waits to be sent; never sent to the server. */
  attachment_name?: string;
};

/** The server's refusal of a frame. */
export type FrameError = {
  status: number;
  code: string;
  detail: string;
  errors?: { field: string; message: string }[];
  retry_after?: number;
};

/** Frames the server sends. */
export type ServerFrame =
  | { type: 'hello'; user_id: string }
  | { type: 'pong' }
  | { type: 'subscribed'; case_id: string }
  | { type: 'unsubscribed'; case_id: string }
  | { type: 'message'; message: Message }
  | { type: 'update'; message: Message }
  | { type: 'ack'; client_id: string; message: Message }
  | { type: 'read'; case_id: string; user_id: string; seq: number }
  | { type: 'typing'; case_id: string; user_id: string }
  | { type: 'presence'; case_id: string; user_ids: string[] }
  | ({ type: 'error'; case_id?: string; client_id?: string } & FrameError);
