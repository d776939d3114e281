-- hazards: blocking-lock
ALTER TABLE public.m ADD CONSTRAINT m_k_at_id_key UNIQUE (k, at, id);
alter table "public"."m" add constraint "m_k_check" CHECK ((k >= 0)) not valid;
-- hazards: blocking-lock
alter table "public"."m" validate constraint "m_k_check";
alter table "public"."m" add constraint "m_k_fkey" FOREIGN KEY (k) REFERENCES ref(id) not valid;
-- hazards: blocking-lock
alter table "public"."m" validate constraint "m_k_fkey";
