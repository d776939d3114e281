DROP TEXT SEARCH DICTIONARY public.english_simple;
CREATE TEXT SEARCH DICTIONARY public.english_simple (TEMPLATE = pg_catalog.snowball, language = 'english');
