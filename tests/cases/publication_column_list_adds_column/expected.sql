alter table "public"."books" add column "isbn" text;
-- hazards: replication-break
ALTER PUBLICATION catalog_changes DROP TABLE public.books;
ALTER PUBLICATION catalog_changes ADD TABLE public.books (id, title, isbn);
