ALTER TABLE public.kid NO INHERIT public.base;
alter table "public"."base" drop constraint "n_check";
-- hazards: data-loss
drop table "public"."base";
ALTER TABLE public.kid RENAME CONSTRAINT base_id_not_null TO kid_id_not_null;
