CREATE TABLE base (id int, legacy text DEFAULT 'x');
CREATE TABLE mid (m int) INHERITS (base);
CREATE TABLE leaf (l int) INHERITS (mid);
CREATE TABLE other_leaf () INHERITS (mid);
CREATE TABLE sibling () INHERITS (base);
