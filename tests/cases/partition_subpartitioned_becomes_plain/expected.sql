-- hazards: data-loss
drop table "public"."m_2025";
create table "public"."m_2025" partition of "public"."m" FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
