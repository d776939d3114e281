drop procedure if exists "public"."archive_old_orders"(IN cutoff interval);
