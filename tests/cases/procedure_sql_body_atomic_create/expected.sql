create table "public"."order_log" (
    "id" bigint,
    "note" text
);
set check_function_bodies = off;
CREATE OR REPLACE PROCEDURE public.orders_clear(IN below integer)
 LANGUAGE sql
BEGIN ATOMIC
 INSERT INTO order_log (id, note)  SELECT orders.id,
             ('cleared; below '::text || orders_clear.below)
            FROM orders
           WHERE (orders.total_cents < orders_clear.below);
 DELETE FROM orders
   WHERE (orders.total_cents < orders_clear.below);
END
;
