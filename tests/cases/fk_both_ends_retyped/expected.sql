ALTER TABLE public.books DROP CONSTRAINT books_author_fkey;
-- hazards: table-rewrite, blocking-lock
alter table "public"."authors" alter column "id" set data type text using "id"::text;
-- hazards: table-rewrite, blocking-lock
alter table "public"."books" alter column "author_id" set data type text using "author_id"::text;
ALTER TABLE public.books ADD CONSTRAINT books_author_fkey FOREIGN KEY (author_id) REFERENCES public.authors(id) NOT VALID;
-- hazards: blocking-lock
ALTER TABLE public.books VALIDATE CONSTRAINT books_author_fkey;
