create table "public"."measurements_other" partition of "public"."measurements" DEFAULT;
