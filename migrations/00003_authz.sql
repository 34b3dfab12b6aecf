-- +goose Up
-- casbin policy: what each role may do per resource type and per entry sensitivity.
-- Per-case membership is not policy: it comes from the case tables at request time.
CREATE TABLE casbin_rule (
    id    bigserial PRIMARY KEY,
    ptype text NOT NULL,
    v0    text NOT NULL DEFAULT '',
    v1    text NOT NULL DEFAULT '',
    v2    text NOT NULL DEFAULT '',
    v3    text NOT NULL DEFAULT '',
    v4    text NOT NULL DEFAULT '',
    v5    text NOT NULL DEFAULT '',
    UNIQUE (ptype, v0, v1, v2, v3, v4, v5)
);

-- Every role: its own profile, sessions and second factor; the directory; the websocket.
INSERT INTO casbin_rule (ptype, v0, v1, v2)
SELECT 'p', r, o, a
FROM unnest(ARRAY['social_worker','nurse','police_liaison','care_worker','coordination_chair','team_lead','auditor','admin']) AS r,
     (VALUES ('profile','read'), ('profile','write'), ('directory','read'), ('realtime','connect')) AS x(o, a);

INSERT INTO casbin_rule (ptype, v0, v1, v2) VALUES
    -- administration: accounts and structure, never case content
    ('p', 'admin', 'users', 'read'),
    ('p', 'admin', 'users', 'write'),
    ('p', 'admin', 'structure', 'write'),
    -- the audit log and access reports
    ('p', 'auditor', 'audit', 'read'),
    -- case work (membership is checked per case)
    ('p', 'social_worker', 'cases', 'read'),
    ('p', 'social_worker', 'cases', 'write'),
    ('p', 'nurse', 'cases', 'read'),
    ('p', 'nurse', 'cases', 'write'),
    ('p', 'police_liaison', 'cases', 'read'),
    ('p', 'police_liaison', 'cases', 'write'),
    ('p', 'care_worker', 'cases', 'read'),
    ('p', 'care_worker', 'cases', 'write'),
    ('p', 'coordination_chair', 'cases', 'read'),
    ('p', 'coordination_chair', 'cases', 'write'),
    ('p', 'team_lead', 'cases', 'read'),
    ('p', 'team_lead', 'cases', 'write'),
    -- entry sensitivity: general for every case role, the rest by profession
    ('p', 'social_worker', 'entry:general', 'read'),
    ('p', 'nurse', 'entry:general', 'read'),
    ('p', 'police_liaison', 'entry:general', 'read'),
    ('p', 'care_worker', 'entry:general', 'read'),
    ('p', 'coordination_chair', 'entry:general', 'read'),
    ('p', 'team_lead', 'entry:general', 'read'),
    ('p', 'social_worker', 'entry:social', 'read'),
    ('p', 'care_worker', 'entry:social', 'read'),
    ('p', 'nurse', 'entry:health', 'read'),
    ('p', 'police_liaison', 'entry:police', 'read'),
    ('p', 'coordination_chair', 'entry:police', 'read'),
    -- break the glass
    ('p', 'social_worker', 'emergency_access', 'request'),
    ('p', 'nurse', 'emergency_access', 'request'),
    ('p', 'police_liaison', 'emergency_access', 'request'),
    ('p', 'team_lead', 'emergency_access', 'request'),
    ('p', 'coordination_chair', 'emergency_access', 'request'),
    ('p', 'team_lead', 'emergency_access', 'review'),
    ('p', 'auditor', 'emergency_access', 'review');

-- +goose Down
DROP TABLE casbin_rule;
