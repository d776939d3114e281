create or replace view "public"."normal_readings" as  SELECT id,
    level
   FROM readings
  WHERE (((level >= 10) AND (level <= 20))::boolean AND (note IS NULL));
