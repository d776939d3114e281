alter table "public"."employees" add constraint "employees_manager_id_fkey" FOREIGN KEY (manager_id) REFERENCES employees(id) ON DELETE SET NULL not valid;
-- hazards: blocking-lock
alter table "public"."employees" validate constraint "employees_manager_id_fkey";
