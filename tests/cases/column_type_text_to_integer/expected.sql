-- hazards: data-loss, table-rewrite, blocking-lock
alter table "public"."invoices" alter column "external_ref" set data type integer using "external_ref"::integer;
