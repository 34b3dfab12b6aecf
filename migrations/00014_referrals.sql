-- +goose Up
-- Referrals between agencies, as FHIR Task referral management has them: the requesting side
-- creates and cancels; the receiving side accepts, rejects, starts and completes. Until it
-- accepts, the receiving agency sees only the summary the sender chose to share. Every
-- transition is a row of referral_events; the referral row holds the current state.
CREATE TABLE referrals (
    id                uuid PRIMARY KEY,
    case_id           uuid NOT NULL REFERENCES cases(id),
    from_agency_id    uuid NOT NULL REFERENCES agencies(id),
    to_agency_id      uuid NOT NULL REFERENCES agencies(id),
    requested_by      uuid NOT NULL REFERENCES users(id),
    reason            text NOT NULL CHECK (length(btrim(reason)) > 0),
    summary           text NOT NULL DEFAULT '',
    urgency           text NOT NULL CHECK (urgency IN ('immediate','urgent','regular')),
    status            text NOT NULL DEFAULT 'requested'
                      CHECK (status IN ('requested','accepted','rejected','in_progress','completed','cancelled')),
    respond_by        timestamptz NOT NULL,
    accepted_by       uuid REFERENCES users(id),
    breach_alerted_at timestamptz,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    CHECK (from_agency_id <> to_agency_id)
);
CREATE INDEX referrals_to ON referrals (to_agency_id, created_at DESC);
CREATE INDEX referrals_from ON referrals (from_agency_id, created_at DESC);
CREATE INDEX referrals_case ON referrals (case_id);
CREATE INDEX referrals_open_due ON referrals (respond_by) WHERE status = 'requested' AND breach_alerted_at IS NULL;

CREATE TABLE referral_events (
    referral_id uuid NOT NULL REFERENCES referrals(id),
    seq         int NOT NULL,
    action      text NOT NULL CHECK (action IN ('request','accept','reject','start','complete','cancel','breach')),
    from_status text,
    to_status   text NOT NULL,
    actor_id    uuid REFERENCES users(id),
    note        text NOT NULL DEFAULT '',
    at          timestamptz NOT NULL,
    PRIMARY KEY (referral_id, seq)
);
CREATE TRIGGER referral_events_no_update_delete
    BEFORE UPDATE OR DELETE ON referral_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

ALTER TABLE alerts ADD COLUMN referral_id uuid REFERENCES referrals(id);

INSERT INTO casbin_rule (ptype, v0, v1, v2)
SELECT 'p', r, 'referrals', a
FROM unnest(ARRAY['social_worker','nurse','police_liaison','care_worker','coordination_chair','team_lead']) AS r,
     unnest(ARRAY['read','write']) AS a;

-- +goose Down
DELETE FROM casbin_rule WHERE v1 = 'referrals';
ALTER TABLE alerts DROP COLUMN referral_id;
DROP TABLE referral_events, referrals;
