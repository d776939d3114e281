CREATE TABLE events (
    id bigint PRIMARY KEY,
    happened_at timestamp NOT NULL
);
INSERT INTO events VALUES (1, '2024-06-01 12:00'), (2, '2024-12-01 12:00');
