-- hazards: replication-break
ALTER PUBLICATION catalog_changes DROP TABLE public.books;
ALTER PUBLICATION catalog_changes ADD TABLE public.books WHERE (((price > (10)::numeric) AND (title <> ''::text)));
