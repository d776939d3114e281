ALTER TABLE public.trucks NO INHERIT public.vehicles;
ALTER TABLE public.trucks RENAME CONSTRAINT vehicles_id_not_null TO trucks_id_not_null;
ALTER TABLE public.trucks RENAME CONSTRAINT vehicles_name_not_null TO trucks_name_not_null;
