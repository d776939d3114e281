-- hazards: data-loss, table-rewrite, blocking-lock
alter table "public"."products" alter column "name" set data type character varying(200) using "name"::character varying(200);
