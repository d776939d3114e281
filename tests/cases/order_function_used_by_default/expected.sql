set check_function_bodies = off;
CREATE OR REPLACE FUNCTION public.new_public_id()
 RETURNS text
 LANGUAGE sql
AS $function$ SELECT substr(md5(random()::text), 1, 16) $function$
;
create table "public"."invites" (
    "id" bigint generated always as identity not null,
    "code" text not null default new_public_id()
);
-- hazards: table-rewrite, blocking-lock
alter table "public"."shares" add column "public_id" text not null default new_public_id();
CREATE UNIQUE INDEX invites_pkey ON public.invites USING btree (id);
alter table "public"."invites" add constraint "invites_pkey" PRIMARY KEY using index "invites_pkey";
