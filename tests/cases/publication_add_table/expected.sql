ALTER PUBLICATION catalog_changes ADD TABLE public.authors (id, name);
