alter type "public"."order_status" rename to "order_status__old_version_to_be_dropped";
create type "public"."order_status" as enum ('pending', 'paid', 'shipped', 'delivered');
-- hazards: data-loss
drop type "public"."order_status__old_version_to_be_dropped";
