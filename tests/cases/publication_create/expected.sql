CREATE PUBLICATION catalog_changes FOR TABLE public.authors, TABLE public.books (id, title, price) WHERE ((price > (0)::numeric)) WITH (publish = 'insert, update');
COMMENT ON PUBLICATION catalog_changes IS 'books and authors for the search index';
