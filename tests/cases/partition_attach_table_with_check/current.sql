CREATE TABLE m (id int NOT NULL, k int NOT NULL, CHECK (k >= 0)) PARTITION BY LIST (id);
CREATE TABLE m_1 (id int NOT NULL, k int NOT NULL);
CREATE TABLE m_2 (id int NOT NULL, k int NOT NULL, CONSTRAINT m_k_check CHECK (k >= 0));
