alter type "public"."order_status" rename to "order_status__old_version_to_be_dropped";
create type "public"."order_status" as enum ('paid', 'pending', 'shipped');
-- hazards: table-rewrite, blocking-lock
ALTER TABLE public.order_filters ALTER COLUMN statuses TYPE public.order_status[] USING statuses::text[]::public.order_status[];
DROP TYPE "public"."order_status__old_version_to_be_dropped";
