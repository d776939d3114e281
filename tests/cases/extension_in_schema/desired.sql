CREATE SCHEMA extensions;

CREATE EXTENSION pg_trgm SCHEMA extensions;
