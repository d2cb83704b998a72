ALTER TABLE violation_catalogue DROP COLUMN notes_en;
ALTER TABLE violation_catalogue DROP COLUMN notes_id;
