alter table "public"."tasks" add constraint "tasks_tenant_id_project_id_fkey" FOREIGN KEY (tenant_id, project_id) REFERENCES projects(tenant_id, id) not valid;
-- hazards: blocking-lock
alter table "public"."tasks" validate constraint "tasks_tenant_id_project_id_fkey";
