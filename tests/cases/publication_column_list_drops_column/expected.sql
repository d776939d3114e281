-- hazards: replication-break
ALTER PUBLICATION catalog_changes DROP TABLE public.books;
ALTER PUBLICATION catalog_changes ADD TABLE public.books (id, title);
-- hazards: data-loss
alter table "public"."books" drop column "secret";
