create extension if not exists "citext" with schema "public" version '1.6';
-- hazards: data-loss, table-rewrite, blocking-lock
alter table "public"."users" alter column "email" set data type citext using "email"::citext;
COMMENT ON EXTENSION citext IS 'data type for case-insensitive character strings';
