create type "public"."verification" as enum ('false', 'true', 'unknown');
ALTER TABLE public.titles ALTER COLUMN verified DROP DEFAULT;
-- hazards: data-loss, table-rewrite, blocking-lock
ALTER TABLE public.titles ALTER COLUMN verified SET DATA TYPE public.verification USING verified::text::public.verification;
alter table "public"."titles" alter column "verified" set default 'unknown'::verification;
