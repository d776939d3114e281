CREATE TEXT SEARCH DICTIONARY english_simple (TEMPLATE = pg_catalog.simple, STOPWORDS = english, ACCEPT = false);
CREATE TEXT SEARCH CONFIGURATION app_english (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION app_english ALTER MAPPING FOR asciiword WITH english_simple, english_stem;
ALTER TEXT SEARCH CONFIGURATION app_english DROP MAPPING FOR email, url, url_path;
