drop view if exists "public"."totals";
DROP FUNCTION public.order_total();
DROP FUNCTION public.order_total(bigint);
-- hazards: table-rewrite, blocking-lock
alter table "public"."orders" alter column "amount" set data type bigint using "amount"::bigint;
CREATE OR REPLACE FUNCTION public.order_total()
 RETURNS bigint
 LANGUAGE sql
 STABLE
BEGIN ATOMIC
 SELECT sum(orders.amount) AS sum
    FROM public.orders;
END;
CREATE OR REPLACE FUNCTION public.order_total(since bigint)
 RETURNS bigint
 LANGUAGE sql
 STABLE
RETURN (SELECT sum(orders.amount) AS sum FROM public.orders WHERE (orders.id >= order_total.since));
create view "public"."totals" as SELECT public.order_total() AS total;
-- hazards: authz-change
REVOKE EXECUTE ON FUNCTION public.order_total() FROM PUBLIC;
-- hazards: authz-change
GRANT EXECUTE ON FUNCTION public.order_total() TO case_reader;
COMMENT ON FUNCTION public.order_total() IS 'sum of all orders';
