create extension if not exists "hstore" with schema "public" version '1.8';
alter table "public"."products" add column "attributes" hstore;
COMMENT ON EXTENSION hstore IS 'data type for storing sets of (key, value) pairs';
