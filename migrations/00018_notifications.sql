-- +goose Up
-- Delivering alerts beyond the app: email (SMTP; in development a mailbox kept in the
-- database and shown in the app) and Web Push (VAPID), which carries only the alert's id so
-- that no personal data passes through push services. Each user chooses the channels and
-- quiet hours; urgent alerts (pages) ignore quiet hours. Every delivery is logged.
CREATE TABLE notification_prefs (
    user_id       uuid PRIMARY KEY REFERENCES users(id),
    email         text NOT NULL DEFAULT '' CHECK (email = '' OR email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
    email_enabled boolean NOT NULL DEFAULT true,
    push_enabled  boolean NOT NULL DEFAULT true,
    quiet_from    time,
    quiet_to      time,
    time_zone     text NOT NULL DEFAULT 'Europe/Belgrade',
    updated_at    timestamptz NOT NULL,
    CHECK ((quiet_from IS NULL) = (quiet_to IS NULL))
);

CREATE TABLE push_subscriptions (
    id         uuid PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users(id),
    endpoint   text NOT NULL UNIQUE CHECK (endpoint ~ '^https?://'),
    p256dh     text NOT NULL,
    auth       text NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id);

CREATE TABLE notification_deliveries (
    alert_id uuid NOT NULL REFERENCES alerts(id),
    channel  text NOT NULL CHECK (channel IN ('email','push')),
    outcome  text NOT NULL CHECK (outcome IN ('sent','failed','quiet_hours','off','no_address')),
    detail   text NOT NULL DEFAULT '',
    at       timestamptz NOT NULL
);
CREATE INDEX notification_deliveries_alert ON notification_deliveries (alert_id);

CREATE TABLE dev_mailbox (
    id      uuid PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES users(id),
    to_addr text NOT NULL,
    subject text NOT NULL,
    body    text NOT NULL,
    at      timestamptz NOT NULL
);

CREATE TABLE vapid_keys (
    id          int PRIMARY KEY CHECK (id = 1),
    public_key  text NOT NULL,
    private_key text NOT NULL,
    created_at  timestamptz NOT NULL
);

ALTER TABLE alerts ADD COLUMN delivered_at timestamptz;
CREATE INDEX alerts_undelivered ON alerts (created_at) WHERE delivered_at IS NULL;
-- Alerts from before this migration are not sent out again.
UPDATE alerts SET delivered_at = created_at;

-- +goose Down
DROP INDEX alerts_undelivered;
ALTER TABLE alerts DROP COLUMN delivered_at;
DROP TABLE vapid_keys, dev_mailbox, notification_deliveries, push_subscriptions, notification_prefs;
