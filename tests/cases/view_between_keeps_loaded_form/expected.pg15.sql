create or replace view "public"."normal_readings" as  SELECT readings.id,
    readings.level
   FROM readings
  WHERE (((readings.level >= 10) AND (readings.level <= 20))::boolean AND (readings.note IS NULL));
