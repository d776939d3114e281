create extension if not exists "citext" with schema "public" version '1.6';
COMMENT ON EXTENSION citext IS 'data type for case-insensitive character strings';
