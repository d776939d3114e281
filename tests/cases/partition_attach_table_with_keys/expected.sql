ALTER TABLE public.m_2024 RENAME CONSTRAINT m_2024_at_not_null TO m_at_not_null;
ALTER TABLE public.m_2024 RENAME CONSTRAINT m_2024_id_not_null TO m_id_not_null;
ALTER TABLE public.m_2024 RENAME CONSTRAINT m_2024_k_not_null TO m_k_not_null;
ALTER TABLE public.m_2025 RENAME CONSTRAINT m_2025_at_not_null TO m_at_not_null;
ALTER TABLE public.m_2025 RENAME CONSTRAINT m_2025_id_not_null TO m_id_not_null;
ALTER TABLE public.m_2025 RENAME CONSTRAINT m_2025_k_not_null TO m_k_not_null;
-- hazards: blocking-lock
alter table "public"."m" attach partition "public"."m_2024" FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- hazards: blocking-lock
alter table "public"."m" attach partition "public"."m_2025" FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
