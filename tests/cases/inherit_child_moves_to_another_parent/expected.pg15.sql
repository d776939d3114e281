ALTER TABLE public.kid NO INHERIT public.base;
ALTER TABLE public.loner NO INHERIT public.base;
-- hazards: data-loss
alter table "public"."base" drop column "legacy";
-- hazards: data-loss
alter table "public"."loner" drop column "legacy";
ALTER TABLE public.kid INHERIT public.other;
