-- +goose Up
-- On-call rotas and escalating alerts. A rota is an agency's shifts, each naming the worker on
-- call, a backup and the head of service. An urgent alert for an agency is a page: it goes to
-- the worker on call now and, while nobody acknowledges it, every step_minutes to the next in
-- line (backup, head, then on call again); every step is on the page's timeline.
CREATE TABLE oncall_shifts (
    id             uuid PRIMARY KEY,
    agency_id      uuid NOT NULL REFERENCES agencies(id),
    starts_at      timestamptz NOT NULL,
    ends_at        timestamptz NOT NULL,
    oncall_user_id uuid NOT NULL REFERENCES users(id),
    backup_user_id uuid REFERENCES users(id),
    head_user_id   uuid REFERENCES users(id),
    created_by     uuid NOT NULL REFERENCES users(id),
    created_at     timestamptz NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX oncall_shifts_agency ON oncall_shifts (agency_id, starts_at);

CREATE TABLE escalation_policies (
    agency_id    uuid PRIMARY KEY REFERENCES agencies(id),
    step_minutes int NOT NULL CHECK (step_minutes BETWEEN 1 AND 240),
    updated_by   uuid NOT NULL REFERENCES users(id),
    updated_at   timestamptz NOT NULL
);

CREATE TABLE pages (
    id              uuid PRIMARY KEY,
    agency_id       uuid NOT NULL REFERENCES agencies(id),
    shift_id        uuid REFERENCES oncall_shifts(id),
    kind            text NOT NULL,
    case_id         uuid REFERENCES cases(id),
    referral_id     uuid REFERENCES referrals(id),
    step            int NOT NULL DEFAULT 0,
    next_at         timestamptz,
    created_at      timestamptz NOT NULL,
    acknowledged_at timestamptz,
    acknowledged_by uuid REFERENCES users(id)
);
CREATE INDEX pages_due ON pages (next_at) WHERE acknowledged_at IS NULL;

CREATE TABLE page_steps (
    page_id uuid NOT NULL REFERENCES pages(id),
    seq     int NOT NULL,
    action  text NOT NULL CHECK (action IN ('page','escalate','acknowledge','nobody_on_call')),
    user_id uuid REFERENCES users(id),
    at      timestamptz NOT NULL,
    PRIMARY KEY (page_id, seq)
);
CREATE TRIGGER page_steps_no_update_delete
    BEFORE UPDATE OR DELETE ON page_steps
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

ALTER TABLE alerts ADD COLUMN page_id uuid REFERENCES pages(id);
ALTER TABLE alerts ADD COLUMN urgent boolean NOT NULL DEFAULT false;

INSERT INTO casbin_rule (ptype, v0, v1, v2)
SELECT 'p', r, 'oncall', 'read'
FROM unnest(ARRAY['social_worker','nurse','police_liaison','care_worker','coordination_chair','team_lead','admin']) AS r;
INSERT INTO casbin_rule (ptype, v0, v1, v2) VALUES ('p', 'team_lead', 'oncall', 'write'), ('p', 'admin', 'oncall', 'write');

-- +goose Down
DELETE FROM casbin_rule WHERE v1 = 'oncall';
ALTER TABLE alerts DROP COLUMN urgent;
ALTER TABLE alerts DROP COLUMN page_id;
DROP TABLE page_steps, pages, escalation_policies, oncall_shifts;
