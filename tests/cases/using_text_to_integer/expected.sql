-- hazards: data-loss, table-rewrite, blocking-lock
ALTER TABLE public.invoices ALTER COLUMN external_ref TYPE integer USING nullif(btrim(external_ref), '')::integer;
