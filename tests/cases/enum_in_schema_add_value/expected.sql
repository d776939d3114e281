alter type "shop"."order_status" rename to "order_status__old_version_to_be_dropped";
create type "shop"."order_status" as enum ('pending', 'paid', 'refunded');
-- hazards: data-loss, table-rewrite, blocking-lock
alter table "shop"."orders" alter column status type "shop"."order_status" using status::text::"shop"."order_status";
-- hazards: data-loss
drop type "shop"."order_status__old_version_to_be_dropped";
