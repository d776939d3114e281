CREATE TEXT SEARCH DICTIONARY english_words (TEMPLATE = pg_catalog.snowball, LANGUAGE = english);
CREATE TEXT SEARCH CONFIGURATION app_english (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION app_english ALTER MAPPING FOR asciiword, word WITH english_words;
CREATE TABLE books (id bigint PRIMARY KEY, title text NOT NULL);
CREATE INDEX books_title ON books USING gin (to_tsvector('app_english', title));
