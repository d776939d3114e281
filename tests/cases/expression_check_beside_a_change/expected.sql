alter table "public"."member" add column "bio" text;
