DROP USER MAPPING FOR case_reader SERVER feeds;
DROP FOREIGN TABLE public.ratings;
DROP SERVER feeds;
CREATE SERVER feeds TYPE 'kafka' FOREIGN DATA WRAPPER streams OPTIONS (root '/srv');
CREATE USER MAPPING FOR case_reader SERVER feeds OPTIONS (password '***');
CREATE FOREIGN TABLE public.ratings (book_id bigint, stars integer) SERVER feeds;
GRANT USAGE ON FOREIGN SERVER feeds TO case_reader;
COMMENT ON SERVER feeds IS 'feeds';
