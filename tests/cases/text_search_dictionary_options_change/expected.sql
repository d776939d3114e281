ALTER TEXT SEARCH DICTIONARY public.english_simple (stopwords = 'russian', accept);
