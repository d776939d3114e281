alter table "public"."m" alter column "device" set default 'none'::text;
ALTER TABLE public.m_2025 ALTER COLUMN device SET DEFAULT 'middle'::text;
-- hazards: blocking-lock
ALTER TABLE public.m_2025 ALTER COLUMN note SET NOT NULL;
ALTER TABLE public.m_2025_2 ALTER COLUMN device SET DEFAULT 'two'::text;
