CREATE TABLE sessions (
    token text PRIMARY KEY,
    user_id bigint NOT NULL,
    expires_at timestamptz NOT NULL
) WITH (fillfactor = 70);
