-- Case documents (issue 11, "Examination as it happens"): the referral letter, summons letters, the
-- examination record (BAP), the decree (SK), objection papers and others, uploaded by staff. Kept
-- apart from `evidence`, which the reporter sees on the status page: these never reach the
-- reporter. The bytes sit in their own table, as evidence's do, so a list never reads them.
CREATE TABLE case_documents (
    id BIGSERIAL PRIMARY KEY,
    report_id BIGINT NOT NULL REFERENCES reports (id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_by BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX case_documents_report ON case_documents (report_id, id);
CREATE TABLE case_document_blobs (
    document_id BIGINT PRIMARY KEY NOT NULL REFERENCES case_documents (id),
    data BYTEA NOT NULL
);
