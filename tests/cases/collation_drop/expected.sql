drop collation if exists "public"."app_c";
