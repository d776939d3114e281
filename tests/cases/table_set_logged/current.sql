CREATE UNLOGGED TABLE events (id bigint PRIMARY KEY, account_id bigint NOT NULL, kind text NOT NULL);
CREATE UNIQUE INDEX events_account_kind ON events (account_id, kind);
