DROP TEXT SEARCH CONFIGURATION public.app_english;
DROP TEXT SEARCH DICTIONARY public.english_simple;
