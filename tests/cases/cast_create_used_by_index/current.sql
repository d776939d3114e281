CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TABLE entry (feeling mood NOT NULL);
