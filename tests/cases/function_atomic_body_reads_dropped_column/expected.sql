DROP FUNCTION public.order_notes();
-- hazards: data-loss
alter table "public"."orders" drop column "note";
CREATE OR REPLACE FUNCTION public.order_notes()
 RETURNS SETOF text
 LANGUAGE sql
 STABLE
BEGIN ATOMIC
 SELECT (orders.amount)::text AS amount
    FROM public.orders
   ORDER BY orders.id;
END;
