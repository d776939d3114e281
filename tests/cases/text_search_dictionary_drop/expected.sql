DROP TEXT SEARCH DICTIONARY public.english_simple;
