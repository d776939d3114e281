CREATE TABLE listening_events (
    user_id bigint NOT NULL,
    listened_at timestamptz NOT NULL,
    seconds integer NOT NULL
);

CREATE VIEW daily_listening AS
SELECT user_id, date_trunc('day', listened_at) AS day, sum(seconds) AS seconds
FROM listening_events
GROUP BY 1, 2;

GRANT SELECT ON daily_listening TO case_reader;
COMMENT ON VIEW daily_listening IS 'x';
