CREATE TABLE bookmarks (
    id bigint PRIMARY KEY,
    account_id bigint NOT NULL,
    position_ms integer NOT NULL
);

CREATE INDEX bookmarks_account_idx ON bookmarks (account_id);
