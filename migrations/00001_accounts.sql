-- +goose Up
-- Agencies, users, roles, teams, coordination groups, sessions and login throttling.
CREATE TABLE agencies (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name         text NOT NULL CHECK (length(btrim(name)) > 0),
    type         text NOT NULL CHECK (type IN ('csr','health','police','prosecutor','residential_care','school','ngo','municipality','system')),
    municipality text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX agencies_name_key ON agencies (lower(name));

CREATE TABLE users (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    username             text NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,62}$'),
    display_name         text NOT NULL CHECK (length(btrim(display_name)) > 0),
    agency_id            uuid NOT NULL REFERENCES agencies(id),
    password_hash        text NOT NULL,
    must_change_password boolean NOT NULL DEFAULT false,
    language             text NOT NULL DEFAULT 'sr-Latn' CHECK (language IN ('sr-Latn','sr-Cyrl','en')),
    totp_secret          text,
    totp_pending_secret  text,
    totp_last_step       bigint NOT NULL DEFAULT 0,
    active               boolean NOT NULL DEFAULT true,
    created_at           timestamptz NOT NULL DEFAULT now(),
    deactivated_at       timestamptz
);
CREATE UNIQUE INDEX users_username_key ON users (username);

CREATE TABLE user_roles (
    user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role    text NOT NULL CHECK (role IN ('social_worker','nurse','police_liaison','care_worker','coordination_chair','team_lead','auditor','admin')),
    PRIMARY KEY (user_id, role)
);

CREATE TABLE recovery_codes (
    user_id   uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash bytea NOT NULL,
    used_at   timestamptz,
    PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE teams (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name       text NOT NULL CHECK (length(btrim(name)) > 0),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX teams_name_key ON teams (lower(name));

CREATE TABLE team_members (
    team_id    uuid NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    user_id    uuid NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user ON team_members (user_id);

-- One coordination and cooperation group per basic prosecutor's office area.
CREATE TABLE coordination_groups (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name       text NOT NULL CHECK (length(btrim(name)) > 0),
    area       text NOT NULL DEFAULT '',
    chair_id   uuid NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE coordination_group_members (
    group_id   uuid NOT NULL REFERENCES coordination_groups(id) ON DELETE CASCADE,
    user_id    uuid NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (group_id, user_id)
);

-- Opaque session tokens are stored only as SHA-256 hashes.
CREATE TABLE sessions (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      uuid NOT NULL REFERENCES users(id),
    token_hash   bytea NOT NULL,
    csrf_hash    bytea NOT NULL,
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    user_agent   text NOT NULL DEFAULT '',
    client_ip    text NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX sessions_token_key ON sessions (token_hash);
CREATE INDEX sessions_user ON sessions (user_id) WHERE revoked_at IS NULL;

-- Failed logins per key (a hash of the username, or the client address) and the lockouts they cause.
CREATE TABLE login_failures (
    key text NOT NULL,
    at  timestamptz NOT NULL
);
CREATE INDEX login_failures_key_at ON login_failures (key, at);

CREATE TABLE login_lockouts (
    key   text PRIMARY KEY,
    until timestamptz NOT NULL
);

-- +goose Down
DROP TABLE login_lockouts, login_failures, sessions, coordination_group_members, coordination_groups,
    team_members, teams, recovery_codes, user_roles, users, agencies;
