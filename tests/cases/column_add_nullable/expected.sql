alter table "public"."products" add column "description" text;
