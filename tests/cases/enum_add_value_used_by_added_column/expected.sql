alter type "public"."order_status" rename to "order_status__old_version_to_be_dropped";
create type "public"."order_status" as enum ('pending', 'paid', 'refunded');
alter table "public"."orders" alter column "status" drop default;
-- hazards: table-rewrite, blocking-lock
alter table "public"."orders" alter column status type "public"."order_status" using status::text::"public"."order_status";
alter table "public"."orders" alter column "status" set default 'pending'::order_status;
alter table "public"."orders" add column "refund_status" order_status default 'refunded'::order_status;
DROP TYPE "public"."order_status__old_version_to_be_dropped";
