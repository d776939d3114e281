alter table "public"."tasks" drop constraint "tasks_tenant_id_project_id_fkey";
alter table "public"."tasks" add constraint "tasks_tenant_id_project_id_fkey" FOREIGN KEY (tenant_id, project_id) REFERENCES projects(tenant_id, id) ON DELETE CASCADE not valid;
-- hazards: blocking-lock
alter table "public"."tasks" validate constraint "tasks_tenant_id_project_id_fkey";
