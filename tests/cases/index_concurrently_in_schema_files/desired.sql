CREATE TABLE bookmarks (
    id bigint PRIMARY KEY,
    account_id bigint NOT NULL,
    position_ms integer NOT NULL
);

CREATE INDEX CONCURRENTLY bookmarks_account_idx ON bookmarks (account_id);
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS bookmarks_account_position_key ON bookmarks (account_id, position_ms);
