CREATE TABLE sessions (
    token text PRIMARY KEY,
    user_id bigint NOT NULL,
    expires_at timestamptz NOT NULL
) WITH (autovacuum_vacuum_scale_factor = 0.01);
