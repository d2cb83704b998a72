DROP TRIGGER reports_keys_delete;
DROP TRIGGER reports_keys_agency;
DROP TRIGGER report_violations_unkey;
DROP TRIGGER report_violations_key;
DROP TABLE case_keys;
