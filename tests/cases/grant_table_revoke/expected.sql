-- hazards: authz-change
revoke select on table "public"."notes" from "case_reader";
-- hazards: authz-change
revoke insert on table "public"."notes" from "case_writer";
