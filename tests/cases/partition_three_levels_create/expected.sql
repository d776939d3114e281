create table "public"."m" (
    "id" integer not null,
    "at" date not null,
    "k" integer not null,
    "v" text
) partition by RANGE (at);
create table "public"."m_2025" partition of "public"."m" FOR VALUES FROM ('2025-01-01') TO ('2026-01-01') partition by LIST (id);
create table "public"."m_2025_1" partition of "public"."m_2025" FOR VALUES IN (1) partition by HASH (k);
create table "public"."m_2025_1_h0" partition of "public"."m_2025_1" FOR VALUES WITH (modulus 2, remainder 0);
create table "public"."m_2025_1_h1" partition of "public"."m_2025_1" FOR VALUES WITH (modulus 2, remainder 1);
create table "public"."m_2025_def" partition of "public"."m_2025" DEFAULT;
create table "public"."m_def" partition of "public"."m" DEFAULT partition by LIST (k);
create table "public"."m_def_0" partition of "public"."m_def" FOR VALUES IN (0);
CREATE INDEX m_v_idx ON public.m USING btree (v);
ALTER TABLE public.m ADD CONSTRAINT m_pkey PRIMARY KEY (id, at, k);
ALTER TABLE public.m ADD CONSTRAINT m_k_at_id_key UNIQUE (k, at, id);
alter table "public"."m" add constraint "m_k_check" CHECK ((k >= 0)) not valid;
alter table "public"."m" validate constraint "m_k_check";
