-- hazards: index-dropped
alter table "public"."m" drop constraint "m_k_at_id_key";
alter table "public"."m" drop constraint "m_k_check";
alter table "public"."m" drop constraint "m_k_fkey";
drop index if exists "public"."m_k_at_id_key";
-- hazards: index-dropped
drop index if exists "public"."m_v_idx";
