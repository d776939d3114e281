-- hazards: data-loss
alter table "public"."order_lines" drop column "total_cents";
-- hazards: table-rewrite, blocking-lock
alter table "public"."order_lines" add column "total_cents" bigint generated always as ((quantity * unit_price_cents)) stored;
