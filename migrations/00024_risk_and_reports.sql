-- +goose Up
-- Risk assessment by the competent police officer with the factors of Art. 16 of the Law on
-- Prevention of Domestic Violence, the CSR's opinion asked for by the officer (8 hours for the
-- police, 24 for the prosecutor), the duty of institutions to report violence to the police or
-- the prosecutor, and the preparation tables of a coordination meeting.
CREATE TABLE risk_assessments (
    id               uuid PRIMARY KEY,
    case_id          uuid NOT NULL REFERENCES cases(id),
    assessed_by      uuid NOT NULL REFERENCES users(id),
    assessed_at      timestamptz NOT NULL,
    factors          jsonb NOT NULL,
    immediate_danger boolean NOT NULL,
    notes            text NOT NULL DEFAULT '' CHECK (length(notes) <= 20000),
    sent_to          uuid REFERENCES agencies(id),
    sent_at          timestamptz,
    created_at       timestamptz NOT NULL
);
CREATE INDEX risk_assessments_case ON risk_assessments (case_id, assessed_at DESC);

CREATE TABLE opinion_requests (
    id                uuid PRIMARY KEY,
    case_id           uuid NOT NULL REFERENCES cases(id),
    assessment_id     uuid REFERENCES risk_assessments(id),
    requested_by      uuid NOT NULL REFERENCES users(id),
    to_agency_id      uuid NOT NULL REFERENCES agencies(id),
    question          text NOT NULL CHECK (length(btrim(question)) > 0 AND length(question) <= 4000),
    requested_at      timestamptz NOT NULL,
    police_due_at     timestamptz NOT NULL,
    prosecutor_due_at timestamptz NOT NULL,
    answer            text,
    answered_by       uuid REFERENCES users(id),
    answered_at       timestamptz,
    police_overdue_alerted     boolean NOT NULL DEFAULT false,
    prosecutor_overdue_alerted boolean NOT NULL DEFAULT false
);
CREATE INDEX opinion_requests_open ON opinion_requests (prosecutor_due_at) WHERE answered_at IS NULL;

CREATE TABLE violence_reports (
    id                 uuid PRIMARY KEY,
    case_id            uuid NOT NULL REFERENCES cases(id),
    reporter_id        uuid NOT NULL REFERENCES users(id),
    reporter_agency_id uuid NOT NULL REFERENCES agencies(id),
    to_agency_id       uuid NOT NULL REFERENCES agencies(id),
    body               text NOT NULL CHECK (length(btrim(body)) > 0 AND length(body) <= 20000),
    sent_at            timestamptz NOT NULL,
    acknowledged_by    uuid REFERENCES users(id),
    acknowledged_at    timestamptz
);
CREATE INDEX violence_reports_to ON violence_reports (to_agency_id, sent_at DESC);

CREATE TABLE meeting_preparation (
    meeting_id   uuid NOT NULL REFERENCES meetings(id),
    kind         text NOT NULL CHECK (kind IN ('police_table','csr_table','registry_check')),
    body         text NOT NULL CHECK (length(btrim(body)) > 0 AND length(body) <= 50000),
    submitted_by uuid NOT NULL REFERENCES users(id),
    submitted_at timestamptz NOT NULL,
    PRIMARY KEY (meeting_id, kind)
);
CREATE TABLE meeting_preparation_alerts (
    meeting_id uuid NOT NULL REFERENCES meetings(id),
    kind       text NOT NULL,
    sent_at    timestamptz NOT NULL,
    PRIMARY KEY (meeting_id, kind)
);

ALTER TABLE alerts ADD COLUMN report_id uuid REFERENCES violence_reports(id);
ALTER TABLE alerts ADD COLUMN opinion_id uuid REFERENCES opinion_requests(id);

INSERT INTO casbin_rule (ptype, v0, v1, v2) VALUES ('p', 'police_liaison', 'risk', 'assess');

-- +goose Down
DELETE FROM casbin_rule WHERE v1 = 'risk';
ALTER TABLE alerts DROP COLUMN opinion_id;
ALTER TABLE alerts DROP COLUMN report_id;
DROP TABLE meeting_preparation_alerts, meeting_preparation, violence_reports, opinion_requests, risk_assessments;
