ALTER TEXT SEARCH CONFIGURATION public.app_english DROP MAPPING FOR "int", uint;
ALTER TEXT SEARCH CONFIGURATION public.app_english ALTER MAPPING FOR asciiword, word WITH public.english_simple;
ALTER TEXT SEARCH CONFIGURATION public.app_english ADD MAPPING FOR email, url, url_path WITH pg_catalog.simple;
