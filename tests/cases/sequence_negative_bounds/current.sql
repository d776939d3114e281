CREATE SEQUENCE credit_note_numbers;
