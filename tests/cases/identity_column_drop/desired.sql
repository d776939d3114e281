CREATE TABLE audit_events (
    action text NOT NULL
);
