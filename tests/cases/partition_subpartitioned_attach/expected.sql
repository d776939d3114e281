-- hazards: blocking-lock
alter table "public"."m" attach partition "public"."m_2025" FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
