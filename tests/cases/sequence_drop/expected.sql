-- hazards: data-loss
drop sequence if exists "public"."invoice_number_seq";
