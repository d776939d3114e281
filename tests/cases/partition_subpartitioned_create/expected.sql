create table "public"."m_2025" partition of "public"."m" FOR VALUES FROM ('2025-01-01') TO ('2026-01-01') partition by LIST (id);
create table "public"."m_2025_1" partition of "public"."m_2025" FOR VALUES IN (1);
create table "public"."m_def" partition of "public"."m" DEFAULT;
-- hazards: blocking-lock
CREATE INDEX m_id_idx ON public.m USING btree (id);
