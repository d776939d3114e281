CREATE EXTENSION postgres_fdw;
CREATE SERVER archive FOREIGN DATA WRAPPER postgres_fdw
    OPTIONS (host 'archive.internal', port '5432', dbname 'archive');
ALTER SERVER archive OWNER TO case_writer;
GRANT USAGE ON FOREIGN SERVER archive TO case_reader;
CREATE USER MAPPING FOR case_writer SERVER archive OPTIONS (user 'app', password 'pa''ss');
CREATE TABLE events (id bigint NOT NULL, at timestamptz);
CREATE FOREIGN TABLE old_events () INHERITS (events) SERVER archive
    OPTIONS (schema_name 'public', table_name 'events');
