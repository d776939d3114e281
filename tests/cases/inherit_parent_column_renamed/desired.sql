CREATE TABLE base (
    id int,
    remark text -- schematool: renamed from note
);
CREATE TABLE kid (x int) INHERITS (base);
CREATE TABLE grandkid (y int) INHERITS (kid);
