-- +goose Up
-- Decisions that used to be role checks in code, now policy like every other:
-- who sees every team (not only their own), and who must keep a second factor in production.
INSERT INTO casbin_rule (ptype, v0, v1, v2) VALUES
    ('p', 'admin', 'teams', 'list_all'),
    ('p', 'admin', 'mfa', 'required');

-- +goose Down
DELETE FROM casbin_rule WHERE (v0, v1, v2) IN (('admin', 'teams', 'list_all'), ('admin', 'mfa', 'required'));
