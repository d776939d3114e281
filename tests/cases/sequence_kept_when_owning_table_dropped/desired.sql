-- the table goes; its sequence stays, unowned, to keep numbering the batches elsewhere
CREATE SEQUENCE import_batches_id_seq AS integer;
