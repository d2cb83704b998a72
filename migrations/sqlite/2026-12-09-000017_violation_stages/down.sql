ALTER TABLE violation_catalogue DROP COLUMN elections;
ALTER TABLE violation_catalogue DROP COLUMN stages;
ALTER TABLE violation_catalogue DROP COLUMN form_group;
