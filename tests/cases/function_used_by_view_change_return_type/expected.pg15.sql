drop view if exists "public"."orders_with_tax";
set check_function_bodies = off;
DROP FUNCTION IF EXISTS public.order_total_with_tax(integer);
-- hazards: untracked-dependency
CREATE OR REPLACE FUNCTION public.order_total_with_tax(total_cents integer)
 RETURNS numeric
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT (total_cents * 1.2)::numeric $function$
;
create or replace view "public"."orders_with_tax" as  SELECT orders.id,
    order_total_with_tax(orders.total_cents) AS total_with_tax
   FROM orders;
