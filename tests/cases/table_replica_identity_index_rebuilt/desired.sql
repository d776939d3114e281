CREATE TABLE events (id bigint PRIMARY KEY, account_id bigint NOT NULL, kind text NOT NULL);
CREATE UNIQUE INDEX events_account_kind ON events (kind, account_id);
ALTER TABLE events REPLICA IDENTITY USING INDEX events_account_kind;
