CREATE FOREIGN DATA WRAPPER files;
CREATE FOREIGN DATA WRAPPER streams;
CREATE SERVER feeds TYPE 'csv' FOREIGN DATA WRAPPER files OPTIONS (root '/srv');
COMMENT ON SERVER feeds IS 'feeds';
GRANT USAGE ON FOREIGN SERVER feeds TO case_reader;
CREATE USER MAPPING FOR case_reader SERVER feeds OPTIONS (password 'pw');
CREATE FOREIGN TABLE ratings (book_id bigint, stars integer) SERVER feeds;
