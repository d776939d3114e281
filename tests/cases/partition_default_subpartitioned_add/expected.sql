create table "public"."m_def" partition of "public"."m" DEFAULT partition by LIST (id);
create table "public"."m_def_1" partition of "public"."m_def" FOR VALUES IN (1);
create table "public"."m_def_other" partition of "public"."m_def" DEFAULT;
