-- hazards: index-dropped
drop index if exists "public"."books_title";
-- hazards: data-loss
alter table "public"."books" drop column "search";
DROP TEXT SEARCH CONFIGURATION public.app_english;
DROP TEXT SEARCH DICTIONARY public.english_simple;
