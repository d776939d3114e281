-- hazards: index-dropped
alter table "public"."users" drop constraint "users_username_key";
-- hazards: blocking-lock
ALTER TABLE public.users ADD CONSTRAINT users_username_key UNIQUE NULLS NOT DISTINCT (tenant_id, username);
