DROP TRIGGER reports_keys_delete ON reports;
DROP TRIGGER reports_keys_agency ON reports;
DROP TRIGGER report_violations_key ON report_violations;
DROP FUNCTION case_keys_track();
DROP TABLE case_keys;
