-- +goose Up
-- The history of a case's risk level: the team's judgement, who made it, when and why.
CREATE TABLE case_risk_history (
    id         bigserial PRIMARY KEY,
    case_id    uuid NOT NULL REFERENCES cases(id),
    risk_level text NOT NULL CHECK (risk_level IN ('low','medium','high','very_high')),
    reason     text NOT NULL DEFAULT '',
    actor_id   uuid NOT NULL REFERENCES users(id),
    at         timestamptz NOT NULL
);
CREATE INDEX case_risk_history_case ON case_risk_history (case_id, at);

-- Tasks: linked to plan goals, completion recorded.
CREATE TABLE plan_goals (
    id           uuid PRIMARY KEY,
    case_id      uuid NOT NULL REFERENCES cases(id),
    title        text NOT NULL CHECK (length(btrim(title)) > 0),
    in_own_words text NOT NULL DEFAULT '',
    status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open','achieved','dropped')),
    created_by   uuid NOT NULL REFERENCES users(id),
    created_at   timestamptz NOT NULL
);
CREATE INDEX plan_goals_case ON plan_goals (case_id, created_at);

-- Every change to a plan keeps the whole plan as it then was.
CREATE TABLE plan_versions (
    case_id  uuid NOT NULL REFERENCES cases(id),
    version  integer NOT NULL,
    snapshot jsonb NOT NULL,
    actor_id uuid NOT NULL REFERENCES users(id),
    at       timestamptz NOT NULL,
    PRIMARY KEY (case_id, version)
);

ALTER TABLE tasks
    ADD COLUMN goal_id uuid REFERENCES plan_goals(id),
    ADD COLUMN created_by uuid REFERENCES users(id),
    ADD COLUMN completed_at timestamptz,
    ADD COLUMN completed_by uuid REFERENCES users(id),
    ADD COLUMN updated_at timestamptz;
CREATE INDEX tasks_case ON tasks (case_id, created_at);

-- +goose Down
ALTER TABLE tasks DROP COLUMN goal_id, DROP COLUMN created_by, DROP COLUMN completed_at,
    DROP COLUMN completed_by, DROP COLUMN updated_at;
DROP INDEX tasks_case;
DROP TABLE plan_versions, plan_goals, case_risk_history;
