CREATE TEXT SEARCH DICTIONARY public.english_simple (TEMPLATE = pg_catalog.simple, stopwords = 'english', accept = 'false');
CREATE TEXT SEARCH CONFIGURATION public.app_english (PARSER = pg_catalog."default");
ALTER TEXT SEARCH CONFIGURATION public.app_english ADD MAPPING FOR asciihword, hword, hword_asciipart, hword_part, word WITH pg_catalog.english_stem;
ALTER TEXT SEARCH CONFIGURATION public.app_english ADD MAPPING FOR asciiword WITH public.english_simple, pg_catalog.english_stem;
ALTER TEXT SEARCH CONFIGURATION public.app_english ADD MAPPING FOR file, "float", host, hword_numpart, "int", numhword, numword, sfloat, uint, version WITH pg_catalog.simple;
COMMENT ON TEXT SEARCH CONFIGURATION public.app_english IS 'search';
