-- hazards: blocking-lock
ALTER TABLE public.m_1 ADD CONSTRAINT m_k_check CHECK ((k >= 0));
ALTER TABLE public.m_1 RENAME CONSTRAINT m_1_id_not_null TO m_id_not_null;
ALTER TABLE public.m_1 RENAME CONSTRAINT m_1_k_not_null TO m_k_not_null;
ALTER TABLE public.m_2 RENAME CONSTRAINT m_2_id_not_null TO m_id_not_null;
ALTER TABLE public.m_2 RENAME CONSTRAINT m_2_k_not_null TO m_k_not_null;
-- hazards: blocking-lock
alter table "public"."m" attach partition "public"."m_1" FOR VALUES IN (1);
-- hazards: blocking-lock
alter table "public"."m" attach partition "public"."m_2" FOR VALUES IN (2);
