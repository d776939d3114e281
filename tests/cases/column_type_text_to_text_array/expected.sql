-- hazards: blocking-lock
alter table "public"."articles" alter column "tags" set not null;
-- hazards: data-loss, table-rewrite, blocking-lock
alter table "public"."articles" alter column "tags" set data type text[] using "tags"::text[];
alter table "public"."articles" alter column "tags" set default '{}'::text[];
