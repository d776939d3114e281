CREATE TABLE bookmarks (
    id bigint PRIMARY KEY,
    account_id bigint NOT NULL,
    position_ms integer NOT NULL
);
