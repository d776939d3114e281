CREATE TEXT SEARCH DICTIONARY public.english_simple (TEMPLATE = pg_catalog.simple, stopwords = 'english', accept = 'false');
COMMENT ON TEXT SEARCH DICTIONARY public.english_simple IS 'stop words dropped';
