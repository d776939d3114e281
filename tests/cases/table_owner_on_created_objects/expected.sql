create type "public"."narration_kind" as enum ('single', 'full_cast');
CREATE SEQUENCE public.invoice_numbers AS bigint;
set check_function_bodies = off;
CREATE OR REPLACE FUNCTION public.account_count()
 RETURNS bigint
 LANGUAGE sql
 STABLE
AS $function$ SELECT count(*) FROM accounts $function$
;
create or replace view "public"."account_emails" as  SELECT id,
    email
   FROM accounts;
ALTER VIEW public.account_emails OWNER TO case_writer;
ALTER SEQUENCE public.invoice_numbers OWNER TO case_writer;
ALTER TYPE public.narration_kind OWNER TO case_writer;
ALTER FUNCTION public.account_count() OWNER TO case_writer;
