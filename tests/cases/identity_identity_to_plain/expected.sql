alter table "public"."users" alter column "id" drop identity;
