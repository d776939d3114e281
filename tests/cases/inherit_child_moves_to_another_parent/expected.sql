ALTER TABLE public.kid NO INHERIT public.base;
ALTER TABLE public.loner NO INHERIT public.base;
-- hazards: data-loss
alter table "public"."base" drop column "legacy";
-- hazards: data-loss
alter table "public"."loner" drop column "legacy";
ALTER TABLE public.kid RENAME CONSTRAINT base_id_not_null TO kid_id_not_null;
ALTER TABLE public.kid INHERIT public.other;
ALTER TABLE public.loner RENAME CONSTRAINT base_id_not_null TO loner_id_not_null;
