set check_function_bodies = off;
-- hazards: untracked-dependency
CREATE OR REPLACE FUNCTION public.customer_order_count(p_customer_id bigint)
 RETURNS integer
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE
    n integer;
BEGIN
    SELECT count(*) INTO n FROM orders WHERE customer_id = p_customer_id;
    RETURN n;
END;
$function$
;
