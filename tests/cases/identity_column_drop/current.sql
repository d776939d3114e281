CREATE TABLE audit_events (
    action text NOT NULL,
    seq bigint GENERATED ALWAYS AS IDENTITY
);
