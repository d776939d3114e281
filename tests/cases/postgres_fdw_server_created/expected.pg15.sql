create extension if not exists "postgres_fdw" with schema "public" version '1.1';
CREATE SERVER archive FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'archive.internal', port '5432', dbname 'archive');
CREATE USER MAPPING FOR case_writer SERVER archive OPTIONS ("user" 'app', password '***');
create table "public"."events" (
    "id" bigint not null,
    "at" timestamp with time zone
);
CREATE FOREIGN TABLE public.old_events () INHERITS (public.events) SERVER archive OPTIONS (schema_name 'public', table_name 'events');
ALTER SERVER archive OWNER TO case_writer;
GRANT USAGE ON FOREIGN SERVER archive TO case_reader;
COMMENT ON EXTENSION postgres_fdw IS 'foreign-data wrapper for remote PostgreSQL servers';
