CREATE TABLE events (
    id bigint NOT NULL,
    kind text NOT NULL
);

ALTER TABLE events ADD CONSTRAINT "events.kind" CHECK (kind <> '') NOT VALID;

CREATE TABLE login_events (
    address inet
) INHERITS (events);
