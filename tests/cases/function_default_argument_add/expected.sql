-- hazards: untracked-dependency
CREATE OR REPLACE FUNCTION public.recent_orders(days integer DEFAULT 7)
 RETURNS SETOF public.orders
 LANGUAGE sql
 STABLE
AS $function$ SELECT * FROM orders WHERE placed_at > now() - make_interval(days => days) $function$;
