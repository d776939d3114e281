-- hazards: replication-break
ALTER PUBLICATION catalog_changes DROP TABLE public.books;
alter table "public"."books" add column "isbn" text;
ALTER PUBLICATION catalog_changes ADD TABLE public.books (id, title, isbn);
