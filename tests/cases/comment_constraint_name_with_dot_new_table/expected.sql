create table "public"."prices" (
    "id" bigint not null,
    "account_id" bigint not null
);
CREATE UNIQUE INDEX prices_pkey ON public.prices USING btree (id);
alter table "public"."prices" add constraint "prices_pkey" PRIMARY KEY using index "prices_pkey";
alter table "public"."prices" add constraint "prices.account" FOREIGN KEY (account_id) REFERENCES accounts(id) not valid;
alter table "public"."prices" validate constraint "prices.account";
COMMENT ON CONSTRAINT "prices.account" ON public.prices IS 'the seller';
