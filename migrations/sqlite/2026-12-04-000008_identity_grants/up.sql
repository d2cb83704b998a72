-- A look at a reporter's identity, granted by an audited request and good for exactly one view:
-- the case page that renders the identity deletes the grant, so a replayed session cookie (which
-- carries only the grant's token) shows nothing (issue 10, item 1).
CREATE TABLE identity_grants (
    token TEXT PRIMARY KEY NOT NULL,
    report_id BIGINT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL
);
