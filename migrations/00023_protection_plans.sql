-- +goose Up
-- The individual protection and support plan (Law on Prevention of Domestic Violence): made by
-- the coordination group for a victim after a risk assessment finds immediate danger. Every
-- measure names the agency and the person who carry it out and a deadline; the plan has a
-- monitoring and evaluation part and records whether the victim took part, declined, or could
-- not. Every change is a new version; a plan is adopted at a meeting, and its measures then
-- become tracked tasks.
CREATE TABLE protection_plans (
    id            uuid PRIMARY KEY,
    case_id       uuid NOT NULL REFERENCES cases(id),
    victim_id     uuid NOT NULL REFERENCES people(id),
    status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','adopted')),
    participation text CHECK (participation IN ('took_part','declined','unable')),
    monitoring    text NOT NULL DEFAULT '' CHECK (length(monitoring) <= 20000),
    version       int NOT NULL DEFAULT 1,
    adopted_at    timestamptz,
    adopted_in    uuid REFERENCES meetings(id),
    adopted_version int,
    created_by    uuid NOT NULL REFERENCES users(id),
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    UNIQUE (case_id, victim_id)
);

CREATE TABLE protection_plan_measures (
    id                 uuid PRIMARY KEY,
    plan_id            uuid NOT NULL REFERENCES protection_plans(id),
    kind               text NOT NULL CHECK (kind IN ('protection','support')),
    description        text NOT NULL CHECK (length(btrim(description)) > 0 AND length(description) <= 2000),
    executor_agency_id uuid REFERENCES agencies(id),
    executor_user_id   uuid REFERENCES users(id),
    due_at             timestamptz,
    status             text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','in_progress','done','not_done')),
    task_id            uuid REFERENCES tasks(id),
    position           int NOT NULL,
    created_at         timestamptz NOT NULL
);
CREATE INDEX protection_plan_measures_plan ON protection_plan_measures (plan_id, position);

CREATE TABLE protection_plan_versions (
    plan_id  uuid NOT NULL REFERENCES protection_plans(id),
    version  int NOT NULL,
    snapshot jsonb NOT NULL,
    actor_id uuid NOT NULL REFERENCES users(id),
    at       timestamptz NOT NULL,
    PRIMARY KEY (plan_id, version)
);
CREATE TRIGGER protection_plan_versions_no_update_delete BEFORE UPDATE OR DELETE ON protection_plan_versions
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

-- +goose Down
DROP TABLE protection_plan_versions, protection_plan_measures, protection_plans;
