alter table "public"."a" add column "created" date;
alter table "public"."a" add column "only_a" integer;
alter table "public"."b" add column "created" date;
