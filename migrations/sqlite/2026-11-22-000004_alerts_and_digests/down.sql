ALTER TABLE outbox DROP COLUMN payload;
DROP TABLE digests;
DROP TABLE deadline_alerts;
