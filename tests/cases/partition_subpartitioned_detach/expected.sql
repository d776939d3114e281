alter table "public"."m" detach partition "public"."m_2025";
