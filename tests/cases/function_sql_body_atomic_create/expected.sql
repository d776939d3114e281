set check_function_bodies = off;
CREATE OR REPLACE FUNCTION public.order_total_plain(total_cents integer)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
RETURN (total_cents + 1)
;
CREATE OR REPLACE FUNCTION public.order_total_with_tax(total_cents integer)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
BEGIN ATOMIC
 SELECT (((total_cents)::numeric * 1.2))::integer AS int4;
END
;
CREATE OR REPLACE FUNCTION public.orders_over(limit_cents integer)
 RETURNS SETOF bigint
 LANGUAGE sql
 STABLE
BEGIN ATOMIC
 SELECT orders.id
    FROM orders
   WHERE (orders.total_cents > orders_over.limit_cents)
   ORDER BY orders.id;
 SELECT orders.id
    FROM orders
   WHERE (orders.total_cents = orders_over.limit_cents);
END
;
