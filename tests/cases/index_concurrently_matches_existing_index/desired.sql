CREATE TABLE bookmarks (
    id bigint PRIMARY KEY,
    account_id bigint NOT NULL,
    position_ms integer NOT NULL,
    note text
);

CREATE INDEX CONCURRENTLY bookmarks_account_idx ON bookmarks (account_id);
