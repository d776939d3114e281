alter table "public"."t" alter column "id" drop identity;
alter table "public"."t" alter column "id" set default 0;
alter table "public"."t" alter column "n" drop identity;
alter table "public"."t" alter column "n" set default 1;
alter table "public"."t" alter column "n" drop not null;
