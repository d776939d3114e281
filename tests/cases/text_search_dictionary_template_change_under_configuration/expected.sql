ALTER TEXT SEARCH CONFIGURATION public.app_english DROP MAPPING FOR asciiword, word;
DROP TEXT SEARCH DICTIONARY public.english_words;
CREATE TEXT SEARCH DICTIONARY public.english_words (TEMPLATE = pg_catalog.snowball, language = 'english');
ALTER TEXT SEARCH CONFIGURATION public.app_english ADD MAPPING FOR asciiword, word WITH public.english_words;
