-- hazards: data-loss
alter table "public"."base" drop column "legacy";
-- hazards: data-loss
alter table "public"."gone_kid" drop column "legacy";
