-- "Keluar" on the status page, kept on the server (issue 10, item 6): every access to the case
-- opened before this moment is over, in every browser and in every copy of a cookie. The access
-- itself stays in the encrypted session (a status check writes nothing); each use checks it
-- against this row.
CREATE TABLE status_signouts (
    report_id BIGINT PRIMARY KEY NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    at TIMESTAMP NOT NULL
);

-- One row per receipt waiting to be shown. The receipt's secret travels only in the encrypted
-- session; the page shows it only if it can delete this row, so a replayed cookie shows nothing.
CREATE TABLE receipt_views (
    nonce TEXT PRIMARY KEY NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX receipt_views_created ON receipt_views (created_at);
