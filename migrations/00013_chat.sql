-- +goose Up
-- Case chat. A message is stored before it is acknowledged or delivered; within a case the
-- order is seq, given under a per-case lock so that commit order and seq agree (a client that
-- resumes "after" a message can never miss one committed later with a smaller seq).
-- Edits and deletions are versions and tombstones: the text as first written stays in
-- message_versions (version 1), readable by auditors. Search folds scripts and diacritics
-- (zajedno_fold) and walks one case's messages, which the (case_id, seq) key serves.
CREATE TABLE messages (
    id           uuid PRIMARY KEY,
    case_id      uuid NOT NULL REFERENCES cases(id),
    seq          bigint NOT NULL,
    author_id    uuid NOT NULL REFERENCES users(id),
    body         text NOT NULL,
    body_folded  text GENERATED ALWAYS AS (zajedno_fold(body)) STORED,
    sensitivity  text NOT NULL DEFAULT 'general' CHECK (sensitivity IN ('general','social','health','police')),
    reply_to     uuid REFERENCES messages(id),
    client_id    text CHECK (client_id IS NULL OR length(client_id) BETWEEN 1 AND 100),
    attachment_id uuid REFERENCES attachments(id),
    mentions     uuid[] NOT NULL DEFAULT '{}',
    version      int NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL,
    edited_at    timestamptz,
    deleted_at   timestamptz,
    deleted_by   uuid REFERENCES users(id),
    UNIQUE (case_id, seq),
    CHECK (deleted_at IS NOT NULL OR length(btrim(body)) > 0 OR attachment_id IS NOT NULL)
);
CREATE UNIQUE INDEX messages_client_id ON messages (author_id, client_id) WHERE client_id IS NOT NULL;

CREATE TABLE message_versions (
    message_id uuid NOT NULL REFERENCES messages(id),
    version    int NOT NULL,
    body       text NOT NULL,
    actor_id   uuid NOT NULL REFERENCES users(id),
    action     text NOT NULL CHECK (action IN ('create','edit','delete')),
    at         timestamptz NOT NULL,
    PRIMARY KEY (message_id, version)
);
CREATE TRIGGER message_versions_no_update_delete
    BEFORE UPDATE OR DELETE ON message_versions
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

-- The last message a user has read in a case: unread counts and "seen by".
CREATE TABLE message_reads (
    case_id  uuid NOT NULL REFERENCES cases(id),
    user_id  uuid NOT NULL REFERENCES users(id),
    last_seq bigint NOT NULL,
    at       timestamptz NOT NULL,
    PRIMARY KEY (case_id, user_id)
);

-- Who has a case's chat open, per server process (instance); a process refreshes its rows
-- every minute, so the rows of a process that died age out.
CREATE TABLE chat_presence (
    instance_id text NOT NULL,
    case_id     uuid NOT NULL REFERENCES cases(id),
    user_id     uuid NOT NULL REFERENCES users(id),
    seen_at     timestamptz NOT NULL,
    PRIMARY KEY (instance_id, case_id, user_id)
);
CREATE INDEX chat_presence_case ON chat_presence (case_id);

-- What was made from a message links back to it.
ALTER TABLE tasks ADD COLUMN source_message_id uuid REFERENCES messages(id);
ALTER TABLE entries ADD COLUMN source_message_id uuid REFERENCES messages(id);
ALTER TABLE plan_actions ADD COLUMN source_message_id uuid REFERENCES messages(id);

-- +goose Down
ALTER TABLE plan_actions DROP COLUMN source_message_id;
ALTER TABLE entries DROP COLUMN source_message_id;
ALTER TABLE tasks DROP COLUMN source_message_id;
DROP TABLE chat_presence, message_reads, message_versions, messages;
