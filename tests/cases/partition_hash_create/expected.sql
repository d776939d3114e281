create table "public"."sessions" (
    "id" uuid not null,
    "user_id" bigint not null
) partition by HASH (id);
create table "public"."sessions_p0" partition of "public"."sessions" FOR VALUES WITH (modulus 2, remainder 0);
create table "public"."sessions_p1" partition of "public"."sessions" FOR VALUES WITH (modulus 2, remainder 1);
