-- hazards: index-dropped
alter table "public"."users" drop constraint "users_email_key";
drop index if exists "public"."users_email_key";
