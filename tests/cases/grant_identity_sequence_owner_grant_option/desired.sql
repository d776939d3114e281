CREATE TABLE events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL
);
GRANT SELECT, USAGE ON SEQUENCE events_id_seq TO case_reader;
GRANT ALL ON SEQUENCE events_id_seq TO postgres WITH GRANT OPTION;
