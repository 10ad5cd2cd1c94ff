-- A later revision changes the schema without touching the first one.
ALTER TABLE products ADD COLUMN stock INTEGER NOT NULL DEFAULT 0;
