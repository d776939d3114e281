-- Cluster-wide roles of the audiobook platform. Roles belong to the cluster, not to a
-- database, so they live outside templates/ and are applied before the schema.
-- Idempotent: safe to run on every deployment.
--
-- audiobooks_app: the application's role. NOLOGIN here on purpose: a deployment either
--   ALTER ROLE audiobooks_app LOGIN PASSWORD '...';   (single role)
-- or, better, grants it to a login role of its own:
--   CREATE ROLE audiobooks_web LOGIN PASSWORD '...' IN ROLE audiobooks_app;
-- It owns nothing and may not create objects; its table privileges, the schema USAGE and
-- the row-level security policies are declared in templates/.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'audiobooks_app') THEN
        CREATE ROLE audiobooks_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
    END IF;
END
$$;

COMMENT ON ROLE audiobooks_app IS
    'Audiobook platform application: data access only (no DDL, owns nothing), subject to row-level security.';
