alter table "public"."trucks" no inherit "public"."vehicles";
