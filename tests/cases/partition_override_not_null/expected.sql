create table "public"."listening_events_de" partition of "public"."listening_events" FOR VALUES IN ('de');
