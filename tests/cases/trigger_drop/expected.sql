drop trigger if exists "documents_set_updated_at" on "public"."documents";
