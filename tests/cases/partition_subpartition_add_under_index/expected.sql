create table "public"."m_2025_2" partition of "public"."m_2025" FOR VALUES IN (2) partition by RANGE (at);
create table "public"."m_2025_2_h1" partition of "public"."m_2025_2" FOR VALUES FROM ('2025-01-01') TO ('2025-07-01');
create table "public"."m_2026" partition of "public"."m" FOR VALUES FROM ('2026-01-01') TO ('2027-01-01') partition by LIST (id);
create table "public"."m_2026_1" partition of "public"."m_2026" FOR VALUES IN (1);
