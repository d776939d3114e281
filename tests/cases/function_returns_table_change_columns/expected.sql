drop function if exists "public"."customer_summary"(p_country character);
set check_function_bodies = off;
-- hazards: untracked-dependency
CREATE OR REPLACE FUNCTION public.customer_summary(p_country character)
 RETURNS TABLE(customer_id bigint, email text, active boolean)
 LANGUAGE sql
 STABLE
AS $function$
    SELECT c.id, c.email, c.active
    FROM customers c
    WHERE c.country = p_country
$function$
;
