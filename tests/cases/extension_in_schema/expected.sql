create schema if not exists "extensions";
create extension if not exists "pg_trgm" with schema "extensions" version '1.6';
COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams';
