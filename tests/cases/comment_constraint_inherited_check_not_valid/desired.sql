CREATE TABLE events (
    id bigint NOT NULL,
    kind text NOT NULL
);

ALTER TABLE events ADD CONSTRAINT "events.kind" CHECK (kind <> '') NOT VALID;

CREATE TABLE login_events (
    address inet
) INHERITS (events);

COMMENT ON CONSTRAINT "events.kind" ON events IS 'not validated yet: old rows may be empty';

COMMENT ON CONSTRAINT "events.kind" ON login_events IS 'validated on the child';
