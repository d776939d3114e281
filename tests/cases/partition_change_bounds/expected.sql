ALTER TABLE public.measurements DETACH PARTITION public.measurements_2024;
-- hazards: blocking-lock
ALTER TABLE public.measurements ATTACH PARTITION public.measurements_2024 FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2024-07-01 00:00:00+00');
