-- +goose Up
-- Signed events from other agencies' systems (police dispatch, hospitals, residential care).
-- A system signs each request with its secret (HMAC-SHA256 over the timestamp and the body);
-- the secret is kept because checking an HMAC needs it, is shown once when made or rotated,
-- and the previous one stays valid for a day after a rotation. Every accepted message and our
-- answer are stored; a refused one leaves only its audit event.
CREATE TABLE inbound_systems (
    id                   uuid PRIMARY KEY,
    name                 text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    kind                 text NOT NULL CHECK (kind IN ('police_dispatch','hospital','residential_care')),
    agency_id            uuid NOT NULL REFERENCES agencies(id),
    secret               text NOT NULL,
    previous_secret      text,
    previous_valid_until timestamptz,
    created_by           uuid NOT NULL REFERENCES users(id),
    created_at           timestamptz NOT NULL,
    rotated_at           timestamptz
);
CREATE UNIQUE INDEX inbound_systems_name ON inbound_systems (lower(name));

CREATE TABLE inbound_messages (
    id              uuid PRIMARY KEY,
    system_id       uuid NOT NULL REFERENCES inbound_systems(id),
    idempotency_key text NOT NULL,
    event_type      text NOT NULL,
    body            text NOT NULL,
    body_sha256     text NOT NULL,
    received_at     timestamptz NOT NULL,
    answer          jsonb NOT NULL,
    case_id         uuid REFERENCES cases(id),
    UNIQUE (system_id, idempotency_key)
);

-- An event about a person no open case holds: the on-call CSR worker of the municipality
-- takes it in.
CREATE TABLE intake_items (
    id           uuid PRIMARY KEY,
    message_id   uuid NOT NULL REFERENCES inbound_messages(id),
    agency_id    uuid NOT NULL REFERENCES agencies(id),
    event_type   text NOT NULL,
    person_name  text NOT NULL,
    created_at   timestamptz NOT NULL,
    taken_by     uuid REFERENCES users(id),
    taken_at     timestamptz
);
CREATE INDEX intake_items_open ON intake_items (agency_id, created_at DESC) WHERE taken_at IS NULL;

ALTER TABLE alerts ADD COLUMN intake_id uuid REFERENCES intake_items(id);
ALTER TABLE pages ADD COLUMN intake_id uuid REFERENCES intake_items(id);

-- +goose Down
ALTER TABLE pages DROP COLUMN intake_id;
ALTER TABLE alerts DROP COLUMN intake_id;
DROP TABLE intake_items, inbound_messages, inbound_systems;
