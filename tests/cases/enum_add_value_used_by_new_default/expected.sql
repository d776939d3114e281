alter type "public"."order_status" rename to "order_status__old_version_to_be_dropped";
create type "public"."order_status" as enum ('draft', 'pending', 'paid');
alter table "public"."orders" alter column "status" drop default;
-- hazards: table-rewrite, blocking-lock
alter table "public"."orders" alter column status type "public"."order_status" using status::text::"public"."order_status";
alter table "public"."orders" alter column "status" set default 'draft'::order_status;
DROP TYPE "public"."order_status__old_version_to_be_dropped";
