DELETE FROM state_buckets WHERE state IN ('objection', 'objection_decided', 'annulled');
ALTER TABLE sanctions DROP COLUMN superseded_at;
DROP TABLE objections;
