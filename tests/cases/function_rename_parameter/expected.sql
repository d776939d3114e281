drop function if exists "public"."customer_order_count"(p_customer_id bigint);
set check_function_bodies = off;
-- hazards: untracked-dependency
CREATE OR REPLACE FUNCTION public.customer_order_count(cust_id bigint)
 RETURNS integer
 LANGUAGE plpgsql
 STABLE
AS $function$
DECLARE
    n integer;
BEGIN
    SELECT count(*) INTO n FROM orders WHERE customer_id = cust_id;
    RETURN n;
END;
$function$
;
