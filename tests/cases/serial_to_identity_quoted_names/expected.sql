alter table "Shop"."Order" alter column "Id" drop default;
ALTER SEQUENCE "Shop"."Order_Id_seq" RENAME TO "Order_Id_seq_old";
ALTER TABLE "Shop"."Order" ALTER COLUMN "Id" ADD GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME "Shop"."Order_Id_seq");
SELECT pg_catalog.setval('"Shop"."Order_Id_seq"', last_value, is_called) FROM "Shop"."Order_Id_seq_old";
DROP SEQUENCE "Shop"."Order_Id_seq_old";
