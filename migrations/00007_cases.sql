-- +goose Up
-- People, case membership, the entry timeline, emergency access, case history and alerts.
CREATE TABLE people (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    first_name         text NOT NULL CHECK (length(btrim(first_name)) BETWEEN 1 AND 100),
    last_name          text NOT NULL CHECK (length(btrim(last_name)) BETWEEN 1 AND 100),
    jmbg               text CHECK (jmbg ~ '^[0-9]{13}$'),
    date_of_birth      date,
    sex                text CHECK (sex IN ('female','male','other')),
    address            text NOT NULL DEFAULT '',
    phone              text NOT NULL DEFAULT '',
    preferred_language text NOT NULL DEFAULT 'sr-Latn',
    interpreter_needed boolean NOT NULL DEFAULT false,
    safe_to_contact    boolean NOT NULL DEFAULT true,
    safe_channel       text NOT NULL DEFAULT '',
    created_by         uuid REFERENCES users(id),
    created_at         timestamptz NOT NULL DEFAULT now(),
    name_folded        text GENERATED ALWAYS AS (zajedno_fold(first_name || ' ' || last_name)) STORED
);
CREATE UNIQUE INDEX people_jmbg_key ON people (jmbg) WHERE jmbg IS NOT NULL;

ALTER TABLE cases
    ADD COLUMN subject_id uuid REFERENCES people(id),
    ADD COLUMN closing_reason text,
    ADD COLUMN sozis_number text NOT NULL DEFAULT '',
    ADD COLUMN police_record_number text NOT NULL DEFAULT '',
    ADD COLUMN prosecutor_kt_number text NOT NULL DEFAULT '';
CREATE INDEX cases_team_created ON cases (team_id, created_at DESC, id DESC);

CREATE TABLE case_members (
    case_id  uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    user_id  uuid NOT NULL REFERENCES users(id),
    basis    text NOT NULL CHECK (basis IN ('membership','referral')),
    added_by uuid REFERENCES users(id),
    added_at timestamptz NOT NULL,
    PRIMARY KEY (case_id, user_id)
);
CREATE INDEX case_members_user ON case_members (user_id);

CREATE TABLE case_people (
    case_id   uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    person_id uuid NOT NULL REFERENCES people(id),
    relation  text NOT NULL CHECK (relation IN ('subject','household_member','child','victim','perpetrator','carer')),
    added_at  timestamptz NOT NULL,
    PRIMARY KEY (case_id, person_id)
);
CREATE INDEX case_people_person ON case_people (person_id);

-- Entries are never edited or deleted: a correction is a new entry pointing at the old one.
CREATE TABLE entries (
    id          uuid PRIMARY KEY,
    case_id     uuid NOT NULL REFERENCES cases(id),
    author_id   uuid NOT NULL REFERENCES users(id),
    body        text NOT NULL CHECK (length(btrim(body)) > 0),
    sensitivity text NOT NULL CHECK (sensitivity IN ('general','social','health','police')),
    corrects_id uuid REFERENCES entries(id),
    created_at  timestamptz NOT NULL
);
CREATE INDEX entries_case ON entries (case_id, created_at, id);
CREATE TRIGGER entries_no_update_delete
    BEFORE UPDATE OR DELETE ON entries
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

CREATE TABLE emergency_access (
    id             uuid PRIMARY KEY,
    case_id        uuid NOT NULL REFERENCES cases(id),
    user_id        uuid NOT NULL REFERENCES users(id),
    reason         text NOT NULL CHECK (length(btrim(reason)) > 0),
    granted_at     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    review_outcome text CHECK (review_outcome IN ('justified','unjustified')),
    review_note    text NOT NULL DEFAULT '',
    reviewed_by    uuid REFERENCES users(id),
    reviewed_at    timestamptz
);
CREATE INDEX emergency_access_user_case ON emergency_access (user_id, case_id, expires_at);
CREATE INDEX emergency_access_pending ON emergency_access (granted_at DESC) WHERE review_outcome IS NULL;

-- Every change to a case: who, what, when.
CREATE TABLE case_history (
    id       bigserial PRIMARY KEY,
    case_id  uuid NOT NULL REFERENCES cases(id),
    actor_id uuid REFERENCES users(id),
    action   text NOT NULL,
    detail   text NOT NULL DEFAULT '',
    at       timestamptz NOT NULL
);
CREATE INDEX case_history_case ON case_history (case_id, at);

-- What needs a person's attention. No personal data: the app words it from kind.
CREATE TABLE alerts (
    id              uuid PRIMARY KEY,
    user_id         uuid NOT NULL REFERENCES users(id),
    kind            text NOT NULL,
    case_id         uuid REFERENCES cases(id),
    actor_id        uuid REFERENCES users(id),
    created_at      timestamptz NOT NULL,
    acknowledged_at timestamptz
);
CREATE INDEX alerts_user ON alerts (user_id, created_at DESC);

INSERT INTO casbin_rule (ptype, v0, v1, v2)
SELECT 'p', r, 'alerts', a
FROM unnest(ARRAY['social_worker','nurse','police_liaison','care_worker','coordination_chair','team_lead','auditor','admin']) AS r,
     unnest(ARRAY['read','write']) AS a;
INSERT INTO casbin_rule (ptype, v0, v1, v2) VALUES ('p', 'auditor', 'emergency_access', 'review_all');

-- +goose Down
DELETE FROM casbin_rule WHERE v1 = 'alerts' OR (v0, v1, v2) = ('auditor', 'emergency_access', 'review_all');
DROP TABLE alerts, case_history, emergency_access, entries, case_people, case_members;
ALTER TABLE cases DROP COLUMN subject_id, DROP COLUMN closing_reason, DROP COLUMN sozis_number,
    DROP COLUMN police_record_number, DROP COLUMN prosecutor_kt_number;
DROP INDEX cases_team_created;
DROP TABLE people;
