alter table "public"."shares" alter column "public_id" drop default;
drop function if exists "public"."new_public_id"();
