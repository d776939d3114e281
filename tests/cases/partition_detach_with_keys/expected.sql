alter table "public"."m" detach partition "public"."m_2024";
alter table "public"."m_2024" drop constraint "m_k_check";
-- hazards: index-dropped
alter table "public"."m_2024" drop constraint "m_2024_pkey";
drop index if exists "public"."m_2024_pkey";
-- hazards: index-dropped
drop index if exists "public"."m_2024_k_idx";
alter table "public"."m" detach partition "public"."m_2025";
alter table "public"."m_2025" drop constraint "m_k_check";
-- hazards: index-dropped
alter table "public"."m_2025" drop constraint "m_2025_pkey";
drop index if exists "public"."m_2025_pkey";
-- hazards: index-dropped
drop index if exists "public"."m_2025_k_idx";
ALTER TABLE public.m_2024 RENAME CONSTRAINT m_at_not_null TO m_2024_at_not_null;
ALTER TABLE public.m_2024 RENAME CONSTRAINT m_id_not_null TO m_2024_id_not_null;
ALTER TABLE public.m_2024 RENAME CONSTRAINT m_k_not_null TO m_2024_k_not_null;
ALTER TABLE public.m_2025 RENAME CONSTRAINT m_at_not_null TO m_2025_at_not_null;
ALTER TABLE public.m_2025 RENAME CONSTRAINT m_id_not_null TO m_2025_id_not_null;
ALTER TABLE public.m_2025 RENAME CONSTRAINT m_k_not_null TO m_2025_k_not_null;
