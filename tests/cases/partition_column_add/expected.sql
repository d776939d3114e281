alter table "public"."measurements" add column "unit" text;
