create type "public"."order_status" as enum ('pending', 'paid', 'shipped');
CREATE DOMAIN public.open_status AS public.order_status CONSTRAINT open_status_check CHECK ((VALUE <> 'shipped'::public.order_status));
