-- The audit chain's daily checkpoint (sequence number and keyed head), one row per day (WIB):
-- its row says it was sent, so a restart or a second instance sends it once. The copy that
-- proves anything is the one in the national staff's and admins' mailboxes (issue 10, item 2).
CREATE TABLE audit_checkpoints (
    day DATE PRIMARY KEY NOT NULL,
    seq BIGINT NOT NULL,
    head TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
