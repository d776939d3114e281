alter table "public"."products" alter column "description" set default ''::text;
-- hazards: blocking-lock
alter table "public"."products" alter column "description" set not null;
