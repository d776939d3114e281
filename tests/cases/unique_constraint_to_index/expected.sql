-- hazards: index-dropped
alter table "public"."users" drop constraint "users_email_key";
drop index if exists "public"."users_email_key";
-- hazards: blocking-lock
CREATE UNIQUE INDEX users_email_lower_key ON public.users USING btree (lower(email));
