CREATE TYPE public.price_range AS RANGE (SUBTYPE = numeric, SUBTYPE_OPCLASS = pg_catalog.numeric_ops, MULTIRANGE_TYPE_NAME = public.price_multirange);
