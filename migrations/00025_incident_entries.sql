-- +goose Up
-- An entry may record an incident (domain.md: a reported act of violence), with when it
-- happened as the writer reports it beside the server's recording time. A new incident within
-- 12 months of the coordination group's last review makes a domestic-violence case repeat.
ALTER TABLE entries ADD COLUMN incident_at timestamptz;

-- +goose Down
ALTER TABLE entries DROP COLUMN incident_at;
