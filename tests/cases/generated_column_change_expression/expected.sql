alter table "public"."order_lines" alter column "total_cents" set default (((quantity * unit_price_cents) * 11) / 10);
