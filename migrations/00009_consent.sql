-- +goose Up
-- A person's consent widens who may read which sensitivities of their record: named
-- agencies, for a purpose and a period. A statutory duty (the domestic-violence law) can
-- override a refusal, and its legal basis is recorded with the share.
CREATE TABLE consents (
    id                  uuid PRIMARY KEY,
    person_id           uuid NOT NULL REFERENCES people(id),
    sensitivities       text[] NOT NULL CHECK (cardinality(sensitivities) > 0 AND sensitivities <@ ARRAY['general','social','health','police']),
    agency_ids          uuid[] NOT NULL CHECK (cardinality(agency_ids) > 0),
    purpose             text NOT NULL CHECK (length(btrim(purpose)) > 0),
    legal_basis         text NOT NULL CHECK (legal_basis IN ('consent','statutory_duty')),
    statutory_reference text NOT NULL DEFAULT '',
    valid_from          timestamptz NOT NULL,
    valid_until         timestamptz NOT NULL CHECK (valid_until > valid_from),
    recorded_by         uuid NOT NULL REFERENCES users(id),
    recorded_at         timestamptz NOT NULL,
    withdrawn_at        timestamptz,
    withdrawn_by        uuid REFERENCES users(id),
    withdrawal_note     text NOT NULL DEFAULT '',
    CHECK (legal_basis <> 'statutory_duty' OR length(btrim(statutory_reference)) > 0)
);
CREATE INDEX consents_person ON consents (person_id);

-- +goose Down
DROP TABLE consents;
