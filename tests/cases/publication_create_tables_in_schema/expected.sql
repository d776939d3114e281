create table "public"."audit" (
    "id" bigint not null
);
CREATE UNIQUE INDEX audit_pkey ON public.audit USING btree (id);
alter table "public"."audit" add constraint "audit_pkey" PRIMARY KEY using index "audit_pkey";
CREATE PUBLICATION cdc_feed FOR TABLE public.audit, TABLES IN SCHEMA cdc;
