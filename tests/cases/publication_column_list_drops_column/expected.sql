-- hazards: replication-break
ALTER PUBLICATION catalog_changes DROP TABLE public.books;
-- hazards: data-loss
alter table "public"."books" drop column "secret";
ALTER PUBLICATION catalog_changes ADD TABLE public.books (id, title);
