-- +goose Up
-- The coordination and cooperation group's meetings (Law on Prevention of Domestic Violence):
-- at least every 15 days, an agenda built from the cases of the group's area, attendance,
-- notes, decisions and actions per item, and minutes that are immutable once the meeting is
-- closed (corrections are addenda).
CREATE TABLE meetings (
    id          uuid PRIMARY KEY,
    group_id    uuid NOT NULL REFERENCES coordination_groups(id),
    starts_at   timestamptz NOT NULL,
    location    text NOT NULL DEFAULT '' CHECK (length(location) <= 200),
    -- Why the meeting is more than 15 days after the previous one (kept for reports).
    late_reason text NOT NULL DEFAULT '' CHECK (length(late_reason) <= 2000),
    status      text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','in_progress','closed','cancelled')),
    minutes     text NOT NULL DEFAULT '',
    created_by  uuid NOT NULL REFERENCES users(id),
    created_at  timestamptz NOT NULL,
    opened_at   timestamptz,
    closed_at   timestamptz,
    closed_by   uuid REFERENCES users(id)
);
CREATE INDEX meetings_group ON meetings (group_id, starts_at);

-- Once closed, a meeting's minutes never change: corrections are addenda.
-- +goose StatementBegin
CREATE FUNCTION meetings_closed_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'closed' THEN
        RAISE EXCEPTION 'meeting % is closed: its minutes are immutable', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
-- +goose StatementEnd
CREATE TRIGGER meetings_closed_immutable BEFORE UPDATE OR DELETE ON meetings
    FOR EACH ROW EXECUTE FUNCTION meetings_closed_immutable();

CREATE TABLE meeting_addenda (
    id         uuid PRIMARY KEY,
    meeting_id uuid NOT NULL REFERENCES meetings(id),
    body       text NOT NULL CHECK (length(btrim(body)) > 0),
    author_id  uuid NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL
);
CREATE TRIGGER meeting_addenda_no_update_delete BEFORE UPDATE OR DELETE ON meeting_addenda
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

-- The agenda: new cases, then ongoing ones, then cases needing measures to speed up court
-- proceedings; repeat and breach cases first within their section; the chair may reorder
-- and add items (a case of the area, or a free topic).
CREATE TABLE meeting_items (
    id         uuid PRIMARY KEY,
    meeting_id uuid NOT NULL REFERENCES meetings(id),
    case_id    uuid REFERENCES cases(id),
    title      text NOT NULL DEFAULT '' CHECK (length(title) <= 200),
    section    text NOT NULL CHECK (section IN ('new','ongoing','court','other')),
    position   int NOT NULL,
    repeat     boolean NOT NULL DEFAULT false,
    added_by   uuid REFERENCES users(id),
    created_at timestamptz NOT NULL,
    UNIQUE (meeting_id, case_id)
);
CREATE INDEX meeting_items_meeting ON meeting_items (meeting_id, section, position);

-- Occasional members (health, schools, NGOs ...) invited to one item of one meeting.
CREATE TABLE meeting_invitations (
    item_id    uuid NOT NULL REFERENCES meeting_items(id),
    user_id    uuid NOT NULL REFERENCES users(id),
    invited_by uuid NOT NULL REFERENCES users(id),
    invited_at timestamptz NOT NULL,
    PRIMARY KEY (item_id, user_id)
);

CREATE TABLE meeting_attendance (
    meeting_id      uuid NOT NULL REFERENCES meetings(id),
    user_id         uuid NOT NULL REFERENCES users(id),
    presence        text NOT NULL CHECK (presence IN ('present','apologies')),
    confidentiality_acknowledged_at timestamptz,
    recorded_by     uuid NOT NULL REFERENCES users(id),
    recorded_at     timestamptz NOT NULL,
    PRIMARY KEY (meeting_id, user_id)
);

-- Notes and decisions per item, in order; never edited.
CREATE TABLE meeting_records (
    id         uuid PRIMARY KEY,
    meeting_id uuid NOT NULL REFERENCES meetings(id),
    item_id    uuid NOT NULL REFERENCES meeting_items(id),
    kind       text NOT NULL CHECK (kind IN ('note','decision')),
    body       text NOT NULL CHECK (length(btrim(body)) > 0),
    author_id  uuid NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL
);
CREATE INDEX meeting_records_item ON meeting_records (item_id, created_at);
CREATE TRIGGER meeting_records_no_update_delete BEFORE UPDATE OR DELETE ON meeting_records
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

-- Actions given to an agency and a person with a deadline; reviewed at a later meeting as
-- done, circumstances changed, or not carried out.
CREATE TABLE meeting_actions (
    id            uuid PRIMARY KEY,
    meeting_id    uuid NOT NULL REFERENCES meetings(id),
    item_id       uuid NOT NULL REFERENCES meeting_items(id),
    case_id       uuid REFERENCES cases(id),
    title         text NOT NULL CHECK (length(btrim(title)) > 0 AND length(title) <= 500),
    agency_id     uuid NOT NULL REFERENCES agencies(id),
    assignee_id   uuid NOT NULL REFERENCES users(id),
    due_at        timestamptz NOT NULL,
    outcome       text CHECK (outcome IN ('done','circumstances_changed','not_carried_out')),
    reviewed_in   uuid REFERENCES meetings(id),
    reviewed_at   timestamptz,
    created_by    uuid NOT NULL REFERENCES users(id),
    created_at    timestamptz NOT NULL
);
CREATE INDEX meeting_actions_open ON meeting_actions (meeting_id) WHERE outcome IS NULL;

-- Each case reviewed at a closed meeting (for "repeat": a new incident within 12 months of
-- the last review; and for reports).
CREATE TABLE case_reviews (
    case_id     uuid NOT NULL REFERENCES cases(id),
    meeting_id  uuid NOT NULL REFERENCES meetings(id),
    reviewed_at timestamptz NOT NULL,
    PRIMARY KEY (case_id, meeting_id)
);

-- A personal calendar feed: a secret URL, stored only as its SHA-256, revocable.
CREATE TABLE calendar_feeds (
    user_id    uuid PRIMARY KEY REFERENCES users(id),
    token_hash text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL
);

-- "No next meeting planned" is alerted to the chair once per previous meeting.
CREATE TABLE meeting_cadence_alerts (
    group_id         uuid NOT NULL REFERENCES coordination_groups(id),
    after_meeting_id uuid NOT NULL REFERENCES meetings(id),
    sent_at          timestamptz NOT NULL,
    PRIMARY KEY (group_id, after_meeting_id)
);

ALTER TABLE alerts ADD COLUMN meeting_id uuid REFERENCES meetings(id);

INSERT INTO casbin_rule (ptype, v0, v1, v2) VALUES
    ('p', 'coordination_chair', 'meetings', 'chair'),
    ('p', 'coordination_chair', 'meetings', 'read'),
    ('p', 'police_liaison', 'meetings', 'read'),
    ('p', 'social_worker', 'meetings', 'read'),
    ('p', 'nurse', 'meetings', 'read'),
    ('p', 'care_worker', 'meetings', 'read'),
    ('p', 'team_lead', 'meetings', 'read');

-- +goose Down
DELETE FROM casbin_rule WHERE v1 = 'meetings';
ALTER TABLE alerts DROP COLUMN meeting_id;
DROP TABLE meeting_cadence_alerts, calendar_feeds, case_reviews, meeting_actions, meeting_records, meeting_attendance,
    meeting_invitations, meeting_items, meeting_addenda;
DROP TRIGGER meetings_closed_immutable ON meetings;
DROP FUNCTION meetings_closed_immutable();
DROP TABLE meetings;
