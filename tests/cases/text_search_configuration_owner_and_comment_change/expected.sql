ALTER TEXT SEARCH DICTIONARY public.english_simple OWNER TO case_writer;
ALTER TEXT SEARCH CONFIGURATION public.app_english OWNER TO case_writer;
COMMENT ON TEXT SEARCH CONFIGURATION public.app_english IS 'search';
