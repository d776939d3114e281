-- hazards: data-loss, table-rewrite, blocking-lock
alter table "public"."users" alter column "email" set data type email_address using "email"::email_address;
