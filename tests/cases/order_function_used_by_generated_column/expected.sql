set check_function_bodies = off;
CREATE OR REPLACE FUNCTION public.sort_key(title text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT lower(regexp_replace(title, '^(the|a|an)\s+', '', 'i')) $function$
;
create table "public"."books" (
    "id" bigint generated always as identity not null,
    "author_id" bigint not null,
    "title" text not null,
    "title_sort" text generated always as (sort_key(title)) stored
);
CREATE UNIQUE INDEX books_pkey ON public.books USING btree (id);
alter table "public"."books" add constraint "books_pkey" PRIMARY KEY using index "books_pkey";
alter table "public"."books" add constraint "books_author_id_fkey" FOREIGN KEY (author_id) REFERENCES authors(id) not valid;
alter table "public"."books" validate constraint "books_author_id_fkey";
