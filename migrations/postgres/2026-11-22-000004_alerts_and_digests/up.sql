-- Deadline alerts go out once per case, kind ('soon': one working day away; 'missed') and
-- deadline: a new stage brings a new deadline and new alerts. The primary key is the guard.
CREATE TABLE deadline_alerts (
    report_id BIGINT NOT NULL REFERENCES reports (id),
    kind TEXT NOT NULL,
    deadline_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (report_id, kind, deadline_at)
);
-- Deadlines already missed before alerts existed count as alerted: no flood of old news on the
-- first start after this migration (the PPK decision has its own alert and is left out).
INSERT INTO deadline_alerts (report_id, kind, deadline_at, created_at)
SELECT id, 'missed', deadline_at, (now() AT TIME ZONE 'UTC')
FROM reports
WHERE deadline_at IS NOT NULL
  AND deadline_at < (now() AT TIME ZONE 'UTC')
  AND state IN ('submitted', 'verification', 'needs_info', 'registered', 'examination', 'recommendation');
-- One daily digest per agency and local day, even across restarts and several instances.
CREATE TABLE digests (
    agency_id BIGINT NOT NULL REFERENCES agencies (id),
    day DATE NOT NULL,
    recipients INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (agency_id, day)
);
-- Content-free facts a message needs beyond its case (a digest's counts, an alert's deadline), JSON.
ALTER TABLE outbox ADD COLUMN payload TEXT;
