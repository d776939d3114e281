INSERT INTO events VALUES (1, 'signup', '2024-05-01 10:00:00+00', '{"plan": "free"}'), (2147483647, 'login', '2024-05-02 11:30:00+00', NULL);
