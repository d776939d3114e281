-- hazards: data-loss
drop table "public"."m";
create table "public"."m" (
    "id" integer,
    "at" date
) partition by RANGE (at);
create table "public"."m_2025" partition of "public"."m" FOR VALUES FROM ('2025-01-01') TO ('2026-01-01') partition by LIST (id);
create table "public"."m_2025_1" partition of "public"."m_2025" FOR VALUES IN (1);
