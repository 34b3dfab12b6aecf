-- +goose Up
-- The core of cases and tasks: enough for account administration to find what a leaving
-- user leads or holds. The case workspace issue extends these tables.
CREATE TABLE cases (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    title      text NOT NULL CHECK (length(btrim(title)) > 0),
    category   text NOT NULL CHECK (category IN ('general','child_protection','elderly','disability','domestic_violence')),
    status     text NOT NULL DEFAULT 'open' CHECK (status IN ('open','active','closed','reopened')),
    risk_level text NOT NULL DEFAULT 'low' CHECK (risk_level IN ('low','medium','high','very_high')),
    team_id    uuid NOT NULL REFERENCES teams(id),
    lead_id    uuid NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cases_lead ON cases (lead_id) WHERE status <> 'closed';

CREATE TABLE tasks (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id     uuid NOT NULL REFERENCES cases(id),
    title       text NOT NULL CHECK (length(btrim(title)) > 0),
    assignee_id uuid NOT NULL REFERENCES users(id),
    status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open','in_progress','done','cancelled')),
    due_at      timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tasks_assignee ON tasks (assignee_id) WHERE status IN ('open','in_progress');

-- +goose Down
DROP TABLE tasks, cases;
