ALTER TABLE public.trucks NO INHERIT public.vehicles;
