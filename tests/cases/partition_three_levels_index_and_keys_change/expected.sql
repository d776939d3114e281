alter table "public"."m" drop constraint "m_k_check";
alter table "public"."m" drop constraint "m_k_fkey";
-- hazards: index-dropped
alter table "public"."m" drop constraint "m_pkey";
drop index if exists "public"."m_pkey";
-- hazards: index-dropped
drop index if exists "public"."m_v_idx";
-- hazards: blocking-lock
CREATE INDEX m_v_idx ON public.m USING btree (v, k);
-- hazards: blocking-lock
ALTER TABLE public.m ADD CONSTRAINT m_pkey PRIMARY KEY (k, id, at);
alter table "public"."m" add constraint "m_k_check" CHECK ((k >= 1)) not valid;
-- hazards: blocking-lock
alter table "public"."m" validate constraint "m_k_check";
alter table "public"."m" add constraint "m_k_fkey" FOREIGN KEY (k) REFERENCES ref(id2) not valid;
-- hazards: blocking-lock
alter table "public"."m" validate constraint "m_k_fkey";
