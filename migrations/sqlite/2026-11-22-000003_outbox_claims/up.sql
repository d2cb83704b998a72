-- When a delivery worker claimed a message ('sending'); a claim older than a few minutes is
-- taken to be a crashed worker's and the message goes back to 'pending' (same Message-ID).
ALTER TABLE outbox ADD COLUMN claimed_at TIMESTAMP;
