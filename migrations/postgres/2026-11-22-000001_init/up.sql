-- Netra case model (PostgreSQL). Times are UTC `TIMESTAMP`; ids are BIGSERIAL.
CREATE TABLE agencies (
    id BIGSERIAL PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    search_key TEXT NOT NULL,
    province_code TEXT,
    timezone TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX agencies_search_key ON agencies (search_key);

CREATE TABLE provinces (
    code TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL
);
CREATE TABLE regencies (
    code TEXT PRIMARY KEY NOT NULL,
    province_code TEXT NOT NULL REFERENCES provinces (code),
    name TEXT NOT NULL
);

CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    agency_id BIGINT REFERENCES agencies (id),
    password_hash TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    must_change_password BOOLEAN NOT NULL DEFAULT TRUE,
    alert_pref TEXT NOT NULL DEFAULT 'all',
    lang TEXT NOT NULL DEFAULT 'id',
    session_epoch BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX users_agency_role ON users (agency_id, role, active);

CREATE TABLE violation_catalogue (
    code TEXT PRIMARY KEY NOT NULL,
    name_id TEXT NOT NULL,
    name_en TEXT NOT NULL,
    allowed_classes TEXT NOT NULL,
    default_class TEXT NOT NULL,
    default_tier TEXT NOT NULL,
    legal_basis TEXT NOT NULL,
    sort_order INTEGER NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE sanction_catalogue (
    code TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    tier TEXT NOT NULL,
    employee_type TEXT NOT NULL,
    name_id TEXT NOT NULL,
    name_en TEXT NOT NULL,
    duration_months INTEGER,
    legal_basis TEXT NOT NULL,
    sort_order INTEGER NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE holidays (
    id BIGSERIAL PRIMARY KEY,
    day DATE NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    name_id TEXT NOT NULL,
    name_en TEXT NOT NULL
);

CREATE TABLE stage_deadlines (
    stage TEXT PRIMARY KEY NOT NULL,
    working_days INTEGER NOT NULL
);

CREATE TABLE reported_persons (
    id BIGSERIAL PRIMARY KEY,
    id_kind TEXT NOT NULL,
    id_number TEXT NOT NULL,
    name TEXT NOT NULL,
    name_search TEXT NOT NULL,
    employee_type TEXT NOT NULL,
    agency_id BIGINT NOT NULL REFERENCES agencies (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (id_kind, id_number)
);
CREATE INDEX reported_persons_name ON reported_persons (name_search);

CREATE TABLE reports (
    id BIGSERIAL PRIMARY KEY,
    case_number TEXT NOT NULL UNIQUE,
    submission_token TEXT NOT NULL UNIQUE,
    receipt_hash TEXT NOT NULL,
    state TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    channel TEXT NOT NULL,
    agency_id BIGINT NOT NULL REFERENCES agencies (id),
    reported_person_id BIGINT NOT NULL REFERENCES reported_persons (id),
    reported_name TEXT NOT NULL,
    employee_type TEXT NOT NULL,
    reported_unit TEXT NOT NULL,
    reported_position TEXT NOT NULL,
    election_type TEXT NOT NULL,
    election_stage TEXT NOT NULL,
    incident_date DATE NOT NULL,
    known_date DATE NOT NULL,
    late_for_bawaslu BOOLEAN NOT NULL,
    province_code TEXT NOT NULL REFERENCES provinces (code),
    regency_code TEXT REFERENCES regencies (code),
    place TEXT NOT NULL,
    description TEXT NOT NULL,
    evidence_links TEXT NOT NULL,
    classification TEXT,
    tier TEXT,
    assigned_user_id BIGINT REFERENCES users (id),
    deadline_at TIMESTAMP,
    data_blocked BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    closed_at TIMESTAMP
);
CREATE INDEX reports_agency_created ON reports (agency_id, created_at, id);
CREATE INDEX reports_agency_state ON reports (agency_id, state, created_at, id);
CREATE INDEX reports_state_created ON reports (state, created_at, id);
CREATE INDEX reports_deadline ON reports (deadline_at, id);
CREATE INDEX reports_person ON reports (reported_person_id);
CREATE INDEX reports_classification ON reports (classification, tier);
CREATE INDEX reports_election ON reports (election_type, created_at);
CREATE INDEX reports_assigned ON reports (assigned_user_id, state);

-- The reporter, apart from the case: identity, contact and witnesses sealed with the server key
-- (see crypto.rs); case lists never read this table.
CREATE TABLE report_reporters (
    report_id BIGINT PRIMARY KEY NOT NULL REFERENCES reports (id),
    anonymous BOOLEAN NOT NULL,
    identity BYTEA,
    email BYTEA,
    lang TEXT NOT NULL,
    opt_out BOOLEAN NOT NULL DEFAULT FALSE,
    witnesses BYTEA
);

CREATE TABLE report_violations (
    id BIGSERIAL PRIMARY KEY,
    report_id BIGINT NOT NULL REFERENCES reports (id),
    code TEXT NOT NULL REFERENCES violation_catalogue (code),
    UNIQUE (report_id, code)
);
CREATE INDEX report_violations_code ON report_violations (code, report_id);

CREATE TABLE messages (
    id BIGSERIAL PRIMARY KEY,
    report_id BIGINT NOT NULL REFERENCES reports (id),
    direction TEXT NOT NULL,
    author_user_id BIGINT REFERENCES users (id),
    body TEXT NOT NULL,
    client_token TEXT UNIQUE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX messages_report ON messages (report_id, created_at, id);

CREATE TABLE evidence (
    id BIGSERIAL PRIMARY KEY,
    report_id BIGINT NOT NULL REFERENCES reports (id),
    message_id BIGINT REFERENCES messages (id),
    source TEXT NOT NULL,
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    metadata_removed BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX evidence_report ON evidence (report_id, id);

CREATE TABLE evidence_blobs (
    evidence_id BIGINT PRIMARY KEY NOT NULL REFERENCES evidence (id),
    data BYTEA NOT NULL
);

CREATE TABLE sanctions (
    id BIGSERIAL PRIMARY KEY,
    report_id BIGINT NOT NULL REFERENCES reports (id),
    sanction_code TEXT NOT NULL REFERENCES sanction_catalogue (code),
    tier TEXT NOT NULL,
    justification TEXT,
    sk_number TEXT,
    sk_date DATE,
    start_date DATE,
    duration_months INTEGER,
    created_at TIMESTAMP NOT NULL,
    decided_at TIMESTAMP
);
CREATE INDEX sanctions_report ON sanctions (report_id);

CREATE TABLE audit_chain (
    id INTEGER PRIMARY KEY,
    seq BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO audit_chain (id, seq, last_hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    seq BIGINT NOT NULL UNIQUE,
    at TIMESTAMP NOT NULL,
    actor_kind TEXT NOT NULL,
    actor_user_id BIGINT REFERENCES users (id),
    report_id BIGINT REFERENCES reports (id),
    action TEXT NOT NULL,
    from_state TEXT,
    to_state TEXT,
    reason TEXT,
    public BOOLEAN NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_report ON audit_log (report_id, seq);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE outbox (
    id BIGSERIAL PRIMARY KEY,
    message_id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    report_id BIGINT REFERENCES reports (id),
    recipient_user_id BIGINT REFERENCES users (id),
    recipient_email BYTEA,
    lang TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
