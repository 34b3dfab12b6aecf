-- +goose Up
-- The rest of the person-centred plan: its review date, the person's participation and
-- agreement, and actions under goals owned by a user or an agency.
CREATE TABLE plans (
    case_id       uuid PRIMARY KEY REFERENCES cases(id),
    review_date   date,
    participation text CHECK (participation IN ('took_part','declined','unable')),
    agreement     text NOT NULL DEFAULT '',
    updated_by    uuid REFERENCES users(id),
    updated_at    timestamptz
);

CREATE TABLE plan_actions (
    id              uuid PRIMARY KEY,
    goal_id         uuid NOT NULL REFERENCES plan_goals(id),
    case_id         uuid NOT NULL REFERENCES cases(id),
    title           text NOT NULL CHECK (length(btrim(title)) > 0),
    owner_user_id   uuid REFERENCES users(id),
    owner_agency_id uuid REFERENCES agencies(id),
    due_date        date,
    status          text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','in_progress','done','dropped')),
    created_by      uuid NOT NULL REFERENCES users(id),
    created_at      timestamptz NOT NULL,
    CHECK (owner_user_id IS NOT NULL OR owner_agency_id IS NOT NULL)
);
CREATE INDEX plan_actions_goal ON plan_actions (goal_id, created_at);

ALTER TABLE tasks ADD COLUMN action_id uuid REFERENCES plan_actions(id);

-- +goose Down
ALTER TABLE tasks DROP COLUMN action_id;
DROP TABLE plan_actions, plans;
