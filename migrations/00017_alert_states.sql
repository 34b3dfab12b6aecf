-- +goose Up
-- Alerts go open → acknowledged → resolved. Tasks raise an alert to their assignee when they
-- fall due within a day and when they become overdue, once each.
ALTER TABLE alerts ADD COLUMN resolved_at timestamptz;
ALTER TABLE alerts ADD COLUMN task_id uuid REFERENCES tasks(id);
ALTER TABLE tasks ADD COLUMN due_alerted_at timestamptz;
ALTER TABLE tasks ADD COLUMN overdue_alerted_at timestamptz;
CREATE INDEX tasks_due_watch ON tasks (due_at) WHERE status IN ('open','in_progress') AND due_at IS NOT NULL;

-- +goose Down
DROP INDEX tasks_due_watch;
ALTER TABLE tasks DROP COLUMN overdue_alerted_at;
ALTER TABLE tasks DROP COLUMN due_alerted_at;
ALTER TABLE alerts DROP COLUMN task_id;
ALTER TABLE alerts DROP COLUMN resolved_at;
