set check_function_bodies = off;
CREATE OR REPLACE FUNCTION public.default_tier()
 RETURNS bigint
 LANGUAGE sql
 STABLE
AS $function$ SELECT id FROM entry_tier $function$
;
create or replace view "public"."entry_tier" as  SELECT tiers.id
   FROM tiers
  ORDER BY tiers.rank
 LIMIT 1;
alter table "public"."subscribers" add column "tier_id" bigint default default_tier();
