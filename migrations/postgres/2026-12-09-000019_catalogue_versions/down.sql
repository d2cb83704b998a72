DROP TABLE catalogue_versions;
ALTER TABLE sanctions DROP COLUMN catalogue_version;
ALTER TABLE report_violations DROP COLUMN catalogue_version;
ALTER TABLE sanction_catalogue DROP COLUMN version;
ALTER TABLE violation_catalogue DROP COLUMN version;
