-- A publication for change data capture (class 14: a kind the tool does not model).
CREATE PUBLICATION catalog_changes FOR TABLE titles, authors;
