alter table "public"."orders" drop constraint "orders_owner_fkey";
alter table "public"."orders" add constraint "orders_owner_fkey" FOREIGN KEY (owner_id) REFERENCES accounts(id) not valid;
-- hazards: blocking-lock
alter table "public"."orders" validate constraint "orders_owner_fkey";
