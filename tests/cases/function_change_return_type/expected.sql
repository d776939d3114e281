set check_function_bodies = off;
DROP FUNCTION IF EXISTS public.customer_order_count(bigint);
-- hazards: untracked-dependency
CREATE OR REPLACE FUNCTION public.customer_order_count(p_customer_id bigint)
 RETURNS bigint
 LANGUAGE plpgsql
 STABLE
AS $function$
DECLARE
    n bigint;
BEGIN
    SELECT count(*) INTO n FROM orders WHERE customer_id = p_customer_id;
    RETURN n;
END;
$function$
;
