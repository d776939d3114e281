drop view if exists "public"."active_customers";
-- hazards: data-loss
alter table "public"."customers" drop column "country";
create or replace view "public"."active_customers" as  SELECT customers.id,
    customers.email
   FROM customers
  WHERE customers.active;
