drop trigger if exists "documents_set_updated_at" on "public"."documents";
CREATE TRIGGER documents_set_updated_at BEFORE UPDATE OF title, body ON public.documents FOR EACH ROW EXECUTE FUNCTION set_updated_at();
