ALTER TABLE public.m DETACH PARTITION public.m_2025;
-- hazards: blocking-lock
ALTER TABLE public.m ATTACH PARTITION public.m_2025 FOR VALUES FROM ('2025-01-01') TO ('2027-01-01');
