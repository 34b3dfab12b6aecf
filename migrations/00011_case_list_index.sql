-- +goose Up
-- The case list walks cases newest first and checks membership per row (a primary-key
-- lookup), stopping at the page size, instead of joining every case of every member.
CREATE INDEX cases_created ON cases (created_at DESC, id DESC);

-- +goose Down
DROP INDEX cases_created;
