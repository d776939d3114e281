alter sequence "public"."invoice_number_seq" owned by "public"."invoices"."number";
