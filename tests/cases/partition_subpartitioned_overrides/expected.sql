create table "public"."m_2025" partition of "public"."m" FOR VALUES FROM ('2025-01-01') TO ('2026-01-01') partition by LIST (id);
create table "public"."m_2025_1" partition of "public"."m_2025" FOR VALUES IN (1);
create table "public"."m_2025_2" partition of "public"."m_2025" FOR VALUES IN (2);
create table "public"."m_2025_3" partition of "public"."m_2025" FOR VALUES IN (3);
ALTER TABLE public.m_2025 ALTER COLUMN device SET DEFAULT 'mid'::text;
ALTER TABLE public.m_2025 ALTER COLUMN note SET NOT NULL;
ALTER TABLE public.m_2025_1 ALTER COLUMN device SET DEFAULT 'low'::text;
ALTER TABLE public.m_2025_3 ALTER COLUMN device SET NOT NULL;
ALTER TABLE public.m_2025_3 ALTER COLUMN note SET DEFAULT 'n'::text;
