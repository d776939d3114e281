alter type "public"."order_status" rename to "order_status__old_version_to_be_dropped";
create type "public"."order_status" as enum ('pending', 'paid', 'shipped');
-- hazards: data-loss, table-rewrite, blocking-lock
alter table "public"."orders" alter column status type "public"."order_status" using status::text::"public"."order_status";
-- hazards: data-loss
DROP TYPE "public"."order_status__old_version_to_be_dropped";
