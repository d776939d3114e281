-- hazards: rename
ALTER TABLE public.products RENAME COLUMN name TO title;
-- hazards: rename
ALTER TABLE public.products RENAME CONSTRAINT products_name_check TO products_title_check;
-- hazards: rename
ALTER INDEX public.products_name_idx RENAME TO products_title_idx;
COMMENT ON COLUMN public.products.title IS 'Shown in the shop, as the title.';
