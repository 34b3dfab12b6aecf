-- +goose Up
-- Domestic violence (Law on Prevention of Domestic Violence): the police's urgent measures
-- and their deadlines, and what the coordination group needs to find a case's area.
--
-- A coordination group covers the municipalities of its prosecutor's office area. A team's
-- municipalities are those of its members' agencies. A domestic-violence case belongs to
-- the groups whose area holds one of its team's municipalities.
CREATE TABLE coordination_group_areas (
    group_id     uuid NOT NULL REFERENCES coordination_groups(id) ON DELETE CASCADE,
    municipality text NOT NULL CHECK (length(btrim(municipality)) > 0),
    PRIMARY KEY (group_id, municipality)
);
INSERT INTO coordination_group_areas (group_id, municipality)
    SELECT id, btrim(area) FROM coordination_groups WHERE btrim(area) <> '';

-- Who sees the domestic-violence cases of a team through a coordination group: its chair and
-- its permanent members (basis coordination_group).
CREATE VIEW coordination_visibility AS
    SELECT DISTINCT tm.team_id, x.user_id
    FROM team_members tm
    JOIN users u ON u.id = tm.user_id
    JOIN agencies ag ON ag.id = u.agency_id AND ag.municipality <> ''
    JOIN coordination_group_areas a ON zajedno_fold(a.municipality) = zajedno_fold(ag.municipality)
    JOIN (SELECT id AS group_id, chair_id AS user_id FROM coordination_groups
          UNION SELECT group_id, user_id FROM coordination_group_members) x ON x.group_id = a.group_id;

-- A case is "repeat" after a new incident between the same people within 12 months of the
-- last group review, or a breach of a measure: it goes on the next agenda whatever its risk.
ALTER TABLE cases ADD COLUMN repeat_at timestamptz;

-- An urgent measure (police order): removal from the home and/or a contact ban. Times the
-- users report (issued, served, proposed, decided) are kept as reported; the deadlines are
-- computed from them as elapsed time (48 h is 172,800 s whatever daylight saving does).
CREATE TABLE urgent_measures (
    id                uuid PRIMARY KEY,
    case_id           uuid NOT NULL REFERENCES cases(id),
    kind              text NOT NULL CHECK (kind IN ('removal_from_home','contact_ban')),
    order_number      text NOT NULL DEFAULT '' CHECK (length(order_number) <= 100),
    perpetrator_id    uuid REFERENCES people(id),
    status            text NOT NULL CHECK (status IN ('issued','active','proposal_pending','extended','rejected','expired')),
    issued_at         timestamptz NOT NULL,
    served_at         timestamptz,
    expires_at        timestamptz,
    proposal_due_at   timestamptz,
    proposed_at       timestamptz,
    decision_due_at   timestamptz,
    decision          text CHECK (decision IN ('extended','rejected')),
    decided_at        timestamptz,
    extended_until    timestamptz,
    ended_at          timestamptz,
    created_by        uuid NOT NULL REFERENCES users(id),
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    CHECK (served_at IS NULL OR served_at >= issued_at),
    CHECK (proposed_at IS NULL OR proposed_at >= served_at),
    CHECK (decided_at IS NULL OR decided_at >= proposed_at)
);
CREATE INDEX urgent_measures_case ON urgent_measures (case_id, issued_at DESC);
CREATE INDEX urgent_measures_open ON urgent_measures (status) WHERE status <> 'expired';

-- Appeals against the court's decision: 3 days to file, 12 h to forward, 3 days to decide;
-- they do not suspend the measure.
CREATE TABLE urgent_measure_appeals (
    id              uuid PRIMARY KEY,
    measure_id      uuid NOT NULL REFERENCES urgent_measures(id),
    filed_at        timestamptz NOT NULL,
    forward_due_at  timestamptz NOT NULL,
    forwarded_at    timestamptz,
    decision_due_at timestamptz,
    decided_at      timestamptz,
    outcome         text CHECK (outcome IN ('upheld','overturned')),
    created_by      uuid NOT NULL REFERENCES users(id),
    created_at      timestamptz NOT NULL
);
CREATE INDEX urgent_measure_appeals_measure ON urgent_measure_appeals (measure_id);

-- Every step of a measure, in order: what was reported (event time) and when it was recorded.
CREATE TABLE urgent_measure_events (
    measure_id  uuid NOT NULL REFERENCES urgent_measures(id),
    seq         int NOT NULL,
    action      text NOT NULL,
    occurred_at timestamptz,
    note        text NOT NULL DEFAULT '',
    actor_id    uuid REFERENCES users(id),
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (measure_id, seq)
);
CREATE TRIGGER urgent_measure_events_no_update_delete
    BEFORE UPDATE OR DELETE ON urgent_measure_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

-- Each reminder before a deadline is sent once.
CREATE TABLE deadline_reminders (
    measure_id     uuid NOT NULL REFERENCES urgent_measures(id),
    deadline       text NOT NULL,
    offset_seconds int NOT NULL,
    sent_at        timestamptz NOT NULL,
    PRIMARY KEY (measure_id, deadline, offset_seconds)
);

ALTER TABLE alerts ADD COLUMN measure_id uuid REFERENCES urgent_measures(id);

-- Police liaisons issue and serve; the chair (a deputy public prosecutor) proposes the
-- extension and records the court's decision; both record appeals and breaches.
INSERT INTO casbin_rule (ptype, v0, v1, v2) VALUES
    ('p', 'police_liaison', 'urgent_measures', 'write'),
    ('p', 'police_liaison', 'urgent_measures', 'issue'),
    ('p', 'police_liaison', 'urgent_measures', 'appeal'),
    ('p', 'police_liaison', 'urgent_measures', 'breach'),
    ('p', 'coordination_chair', 'urgent_measures', 'write'),
    ('p', 'coordination_chair', 'urgent_measures', 'propose'),
    ('p', 'coordination_chair', 'urgent_measures', 'decide'),
    ('p', 'coordination_chair', 'urgent_measures', 'appeal'),
    ('p', 'coordination_chair', 'urgent_measures', 'breach');

-- +goose Down
DELETE FROM casbin_rule WHERE v1 = 'urgent_measures';
ALTER TABLE alerts DROP COLUMN measure_id;
DROP TABLE deadline_reminders, urgent_measure_events, urgent_measure_appeals, urgent_measures;
ALTER TABLE cases DROP COLUMN repeat_at;
DROP VIEW coordination_visibility;
DROP TABLE coordination_group_areas;
