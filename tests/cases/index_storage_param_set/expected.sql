ALTER INDEX public.articles_author_id_idx SET (fillfactor='80');
