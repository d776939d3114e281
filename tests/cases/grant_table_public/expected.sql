-- hazards: authz-change
grant select on table "public"."notes" to "PUBLIC";
