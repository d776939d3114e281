create table "public"."customers" (
    "id" bigint not null,
    "region" text not null,
    "name" text not null
) partition by LIST (region);
create table "public"."customers_eu" partition of "public"."customers" FOR VALUES IN ('eu');
