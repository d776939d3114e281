CREATE TYPE note_kind AS ENUM ('text', 'checklist');
