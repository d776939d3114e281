CREATE TEXT SEARCH DICTIONARY english_simple (TEMPLATE = pg_catalog.simple, STOPWORDS = english, ACCEPT = false);
CREATE TEXT SEARCH CONFIGURATION app_english (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION app_english ALTER MAPPING FOR asciiword WITH english_simple, english_stem;
ALTER TEXT SEARCH CONFIGURATION app_english DROP MAPPING FOR email, url, url_path;
CREATE TABLE books (
    id bigint PRIMARY KEY,
    title text NOT NULL,
    body text
);
ALTER TABLE books ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('app_english', title)) STORED;
CREATE TABLE articles (
    id bigint PRIMARY KEY,
    body text,
    search tsvector GENERATED ALWAYS AS (to_tsvector('app_english', coalesce(body, ''))) STORED
);
CREATE INDEX books_title ON books USING gin (to_tsvector('app_english', title));
CREATE VIEW book_words AS SELECT id, to_tsvector('app_english'::regconfig, body) AS words FROM books;
