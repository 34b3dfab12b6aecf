-- +goose Up
-- Files on a case's timeline. The type is what the content is (sniffed), not what the client
-- said; each file has its SHA-256. Like entries, attachments are never changed or deleted.
CREATE TABLE attachments (
    id           uuid PRIMARY KEY,
    case_id      uuid NOT NULL REFERENCES cases(id),
    entry_id     uuid REFERENCES entries(id),
    uploader_id  uuid NOT NULL REFERENCES users(id),
    file_name    text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
    content_type text NOT NULL CHECK (content_type IN ('application/pdf','image/jpeg','image/png','image/heic','image/heif')),
    size_bytes   bigint NOT NULL CHECK (size_bytes > 0),
    sha256       text NOT NULL,
    sensitivity  text NOT NULL CHECK (sensitivity IN ('general','social','health','police')),
    content      bytea NOT NULL,
    created_at   timestamptz NOT NULL
);
CREATE INDEX attachments_case ON attachments (case_id, created_at);
CREATE TRIGGER attachments_no_update_delete
    BEFORE UPDATE OR DELETE ON attachments
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

-- +goose Down
DROP TABLE attachments;
