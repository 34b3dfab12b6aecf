-- +goose Up
-- Append-only, hash-chained audit log. One chain per writer (a server process); the chain head
-- records the last sequence number and hash so that a deleted tail is detected too.
CREATE TABLE audit_chains (
    id         uuid PRIMARY KEY,
    started_at timestamptz NOT NULL DEFAULT now(),
    writer     text NOT NULL DEFAULT '',
    last_seq   bigint NOT NULL DEFAULT 0,
    last_hash  text NOT NULL DEFAULT ''
);

CREATE TABLE audit_events (
    id            uuid PRIMARY KEY,
    chain_id      uuid NOT NULL REFERENCES audit_chains(id),
    seq           bigint NOT NULL,
    at            timestamptz NOT NULL,
    actor_id      uuid,
    action        text NOT NULL,
    resource_type text NOT NULL DEFAULT '',
    resource_id   text NOT NULL DEFAULT '',
    case_id       uuid,
    basis         text NOT NULL DEFAULT '',
    request_id    text NOT NULL DEFAULT '',
    client_ip     text NOT NULL DEFAULT '',
    prev_hash     text NOT NULL,
    hash          text NOT NULL,
    UNIQUE (chain_id, seq)
);
CREATE INDEX audit_events_at ON audit_events (at DESC, id DESC);
CREATE INDEX audit_events_actor ON audit_events (actor_id, at DESC);
CREATE INDEX audit_events_case ON audit_events (case_id, at DESC) WHERE case_id IS NOT NULL;

-- +goose StatementBegin
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER audit_events_no_update_delete
    BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate
    BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

-- +goose Down
DROP TABLE audit_events, audit_chains;
DROP FUNCTION audit_events_append_only();
