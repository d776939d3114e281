-- hazards: blocking-lock
CREATE UNIQUE INDEX user_roles_pkey ON public.user_roles USING btree (user_id, role_id);
alter table "public"."user_roles" add constraint "user_roles_pkey" PRIMARY KEY using index "user_roles_pkey";
