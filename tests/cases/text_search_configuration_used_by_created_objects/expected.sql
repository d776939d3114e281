CREATE TEXT SEARCH DICTIONARY public.english_simple (TEMPLATE = pg_catalog.simple, stopwords = 'english', accept = 'false');
CREATE TEXT SEARCH CONFIGURATION public.app_english (PARSER = pg_catalog."default");
ALTER TEXT SEARCH CONFIGURATION public.app_english ADD MAPPING FOR asciihword, hword, hword_asciipart, hword_part, word WITH pg_catalog.english_stem;
ALTER TEXT SEARCH CONFIGURATION public.app_english ADD MAPPING FOR asciiword WITH public.english_simple, pg_catalog.english_stem;
ALTER TEXT SEARCH CONFIGURATION public.app_english ADD MAPPING FOR file, "float", host, hword_numpart, "int", numhword, numword, sfloat, uint, version WITH pg_catalog.simple;
create table "public"."articles" (
    "id" bigint not null,
    "body" text,
    "search" tsvector generated always as (to_tsvector('app_english'::regconfig, COALESCE(body, ''::text))) stored
);
-- hazards: table-rewrite, blocking-lock
alter table "public"."books" add column "search" tsvector generated always as (to_tsvector('app_english'::regconfig, title)) stored;
CREATE UNIQUE INDEX articles_pkey ON public.articles USING btree (id);
-- hazards: blocking-lock
CREATE INDEX books_title ON public.books USING gin (to_tsvector('app_english'::regconfig, title));
alter table "public"."articles" add constraint "articles_pkey" PRIMARY KEY using index "articles_pkey";
create or replace view "public"."book_words" as  SELECT id,
    to_tsvector('app_english'::regconfig, body) AS words
   FROM books;
