-- +goose Up
-- An inbound event may concern a person of several open cases: each matched case is kept
-- (inbound_messages.case_id kept only the last one), so that every case's members can read
-- the event behind their alert.
CREATE TABLE inbound_message_cases (
    message_id uuid NOT NULL REFERENCES inbound_messages(id),
    case_id    uuid NOT NULL REFERENCES cases(id),
    PRIMARY KEY (message_id, case_id)
);
CREATE INDEX inbound_message_cases_case ON inbound_message_cases (case_id);
INSERT INTO inbound_message_cases (message_id, case_id)
    SELECT id, case_id FROM inbound_messages WHERE case_id IS NOT NULL;
ALTER TABLE inbound_messages DROP COLUMN case_id;

-- +goose Down
ALTER TABLE inbound_messages ADD COLUMN case_id uuid REFERENCES cases(id);
UPDATE inbound_messages m SET case_id = (SELECT min(c.case_id::text)::uuid FROM inbound_message_cases c WHERE c.message_id = m.id);
DROP TABLE inbound_message_cases;
