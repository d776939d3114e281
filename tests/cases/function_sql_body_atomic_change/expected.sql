CREATE OR REPLACE FUNCTION public.order_total_with_tax(total_cents integer)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
BEGIN ATOMIC
 SELECT (((total_cents)::numeric * 1.25))::integer AS int4;
END;
CREATE OR REPLACE FUNCTION public.orders_over(limit_cents integer)
 RETURNS SETOF bigint
 LANGUAGE sql
 STABLE
BEGIN ATOMIC
 SELECT orders.id
    FROM public.orders
   WHERE (orders.total_cents > orders_over.limit_cents)
   ORDER BY orders.id;
 SELECT orders.id
    FROM public.orders
   WHERE (orders.total_cents = orders_over.limit_cents);
END;
