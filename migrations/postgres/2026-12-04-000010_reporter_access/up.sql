-- A reporter's access to their case after a successful status check, kept on the server: the
-- browser's session holds only the token, so "Keluar" (which deletes every access to the case)
-- ends it for every copy of the cookie, and a copied cookie dies with its row (issue 10, item 6).
CREATE TABLE status_access (
    token TEXT PRIMARY KEY NOT NULL,
    report_id BIGINT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX status_access_report ON status_access (report_id);
CREATE INDEX status_access_expires ON status_access (expires_at);

-- One row per receipt waiting to be shown. The receipt's secret travels only in the encrypted
-- session; the page shows it only if it can delete this row, so a replayed cookie shows nothing.
CREATE TABLE receipt_views (
    nonce TEXT PRIMARY KEY NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX receipt_views_created ON receipt_views (created_at);
