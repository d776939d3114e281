-- hazards: authz-change
grant select on table "public"."notes" to "case_reader";
