create schema if not exists "reporting";
create table "reporting"."daily_counts" (
    "day" date not null,
    "accounts" bigint not null
);
CREATE UNIQUE INDEX daily_counts_pkey ON reporting.daily_counts USING btree (day);
alter table "reporting"."daily_counts" add constraint "daily_counts_pkey" PRIMARY KEY using index "daily_counts_pkey";
create materialized view "reporting"."account_total" as  SELECT count(*) AS total
   FROM accounts;
ALTER SCHEMA reporting OWNER TO case_writer;
ALTER TABLE reporting.daily_counts OWNER TO case_writer;
ALTER MATERIALIZED VIEW reporting.account_total OWNER TO case_writer;
