-- hazards: data-loss
alter table "public"."base" drop column "legacy";
