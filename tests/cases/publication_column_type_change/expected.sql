-- hazards: replication-break
ALTER PUBLICATION catalog_changes DROP TABLE public.books;
-- hazards: table-rewrite, blocking-lock
alter table "public"."books" alter column "price" set data type bigint using "price"::bigint;
alter table "public"."books" alter column "title" set data type character varying(200) using "title"::character varying(200);
ALTER PUBLICATION catalog_changes ADD TABLE public.books (id, title, price) WHERE ((price > 0));
