-- hazards: blocking-lock
ALTER TABLE public.m_1 ADD CONSTRAINT m_k_check CHECK ((k >= 0));
-- hazards: blocking-lock
alter table "public"."m" attach partition "public"."m_1" FOR VALUES IN (1);
-- hazards: blocking-lock
alter table "public"."m" attach partition "public"."m_2" FOR VALUES IN (2);
