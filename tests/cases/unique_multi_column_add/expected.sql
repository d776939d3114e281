-- hazards: blocking-lock
CREATE UNIQUE INDEX users_tenant_email_key ON public.users USING btree (tenant_id, email);
alter table "public"."users" add constraint "users_tenant_email_key" UNIQUE using index "users_tenant_email_key";
