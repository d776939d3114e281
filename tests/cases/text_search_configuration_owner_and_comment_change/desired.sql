CREATE TEXT SEARCH DICTIONARY english_simple (TEMPLATE = pg_catalog.simple, STOPWORDS = english, ACCEPT = false);
CREATE TEXT SEARCH CONFIGURATION app_english (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION app_english ALTER MAPPING FOR asciiword WITH english_simple, english_stem;
ALTER TEXT SEARCH CONFIGURATION app_english DROP MAPPING FOR email, url, url_path;
ALTER TEXT SEARCH CONFIGURATION app_english OWNER TO case_writer;
ALTER TEXT SEARCH DICTIONARY english_simple OWNER TO case_writer;
COMMENT ON TEXT SEARCH CONFIGURATION app_english IS 'search';
