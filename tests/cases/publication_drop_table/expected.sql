-- hazards: replication-break
ALTER PUBLICATION catalog_changes DROP TABLE public.authors;
