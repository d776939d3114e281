CREATE TABLE base (id int);
CREATE TABLE mid (m int) INHERITS (base);
CREATE TABLE leaf (legacy text DEFAULT 'x', l int) INHERITS (mid);
CREATE TABLE other_leaf () INHERITS (mid);
CREATE TABLE sibling () INHERITS (base);
