-- hazards: authz-change
grant delete on table "public"."notes" to "case_writer";
-- hazards: authz-change
grant insert on table "public"."notes" to "case_writer";
-- hazards: authz-change
grant references on table "public"."notes" to "case_writer";
-- hazards: authz-change
grant select on table "public"."notes" to "case_writer";
-- hazards: authz-change
grant trigger on table "public"."notes" to "case_writer";
-- hazards: authz-change
grant truncate on table "public"."notes" to "case_writer";
-- hazards: authz-change
grant update on table "public"."notes" to "case_writer";
