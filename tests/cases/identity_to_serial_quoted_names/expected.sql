ALTER SEQUENCE "Shop"."Order_Id_seq" RENAME TO "Order_Id_seq_old";
CREATE SEQUENCE "Shop"."Order_Id_seq" AS integer;
SELECT pg_catalog.setval('"Shop"."Order_Id_seq"', last_value, is_called) FROM "Shop"."Order_Id_seq_old";
ALTER TABLE "Shop"."Order" ALTER COLUMN "Id" DROP IDENTITY;
alter table "Shop"."Order" alter column "Id" set default nextval('"Shop"."Order_Id_seq"'::regclass);
alter sequence "Shop"."Order_Id_seq" owned by "Shop"."Order"."Id";
