-- hazards: data-loss
drop table "public"."m_2025_2";
