CREATE DOMAIN public.email_address AS text CONSTRAINT email_address_check CHECK ((VALUE ~ '^[^@]+@[^@]+$'::text));
-- hazards: data-loss, table-rewrite, blocking-lock
alter table "public"."users" alter column "email" set data type email_address using "email"::email_address;
