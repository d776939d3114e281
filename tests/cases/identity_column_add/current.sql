CREATE TABLE audit_events (
    action text NOT NULL,
    happened_at timestamptz NOT NULL DEFAULT now()
);
