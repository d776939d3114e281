alter table "public"."orders" drop constraint "orders_customer_id_fkey";
alter table "public"."orders" add constraint "orders_customer_id_fkey" FOREIGN KEY (customer_id) REFERENCES customers(id) ON DELETE SET NULL not valid;
-- hazards: blocking-lock
alter table "public"."orders" validate constraint "orders_customer_id_fkey";
