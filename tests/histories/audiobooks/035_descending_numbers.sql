-- Descending credit note ids and a voucher range moved below the old one (class 6).
ALTER TABLE credit_notes ALTER COLUMN id
    SET INCREMENT BY -5 SET MINVALUE -1000 SET MAXVALUE -1 SET START WITH -1 RESTART WITH -1;

ALTER SEQUENCE voucher_numbers MINVALUE 1 MAXVALUE 1000 START WITH 1 RESTART WITH 1;
