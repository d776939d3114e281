create table "public"."addresses" (
    "id" bigint generated always as identity not null,
    "customer_id" bigint not null,
    "country" text not null
);
CREATE UNIQUE INDEX addresses_pkey ON public.addresses USING btree (id);
alter table "public"."addresses" add constraint "addresses_pkey" PRIMARY KEY using index "addresses_pkey";
set check_function_bodies = off;
CREATE OR REPLACE FUNCTION public.is_country_code(code text)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT code ~ '^[A-Z]{2}$' $function$
;
alter table "public"."addresses" add constraint "addresses_country_check" CHECK (is_country_code(country)) not valid;
alter table "public"."addresses" validate constraint "addresses_country_check";
alter table "public"."addresses" add constraint "addresses_customer_id_fkey" FOREIGN KEY (customer_id) REFERENCES customers(id) not valid;
alter table "public"."addresses" validate constraint "addresses_customer_id_fkey";
