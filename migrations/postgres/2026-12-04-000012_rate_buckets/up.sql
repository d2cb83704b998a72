-- The public forms' rate limits when instances share a PostgreSQL database (issue 10): one GCRA
-- bucket per key (`submit:address:…`, `status:session:…`), its theoretical arrival time. With
-- SQLite the limits stay in each instance's memory and this table stays empty.
CREATE TABLE rate_buckets (
    key TEXT PRIMARY KEY NOT NULL,
    tat TIMESTAMP NOT NULL
);
CREATE INDEX rate_buckets_tat ON rate_buckets (tat);
