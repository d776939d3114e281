drop view if exists "public"."account_names";
create or replace view "public"."account_names" as  SELECT id,
    name
   FROM accounts;
ALTER VIEW public.account_names OWNER TO case_writer;
GRANT SELECT ON TABLE public.account_names TO case_reader;
