CREATE TEXT SEARCH DICTIONARY english_simple (TEMPLATE = pg_catalog.simple, STOPWORDS = english, ACCEPT = false);
COMMENT ON TEXT SEARCH DICTIONARY english_simple IS 'stop words dropped';
