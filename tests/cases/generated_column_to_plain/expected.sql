alter table "public"."order_lines" alter column "total_cents" drop expression;
