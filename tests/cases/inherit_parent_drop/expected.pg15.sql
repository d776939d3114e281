ALTER TABLE public.kid NO INHERIT public.base;
alter table "public"."base" drop constraint "n_check";
-- hazards: data-loss
drop table "public"."base";
