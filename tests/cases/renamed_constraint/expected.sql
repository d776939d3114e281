-- hazards: rename
ALTER TABLE public.products RENAME CONSTRAINT price_check TO price_positive;
-- hazards: rename
ALTER TABLE public.products RENAME CONSTRAINT products_sku_key TO products_sku_unique;
