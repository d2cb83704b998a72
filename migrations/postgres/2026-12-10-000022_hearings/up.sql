-- The examination as it happens (issue 11): summons letters (panggilan I and II) with the day the
-- ASN must appear and whether they did, and the hearings of the examining team or the ethics
-- council (Majelis Kode Etik) with their members and the examination record (BAP, a case
-- document). How far ahead a summons must go out, and how long after the first the second may
-- set, are working days in `stage_deadlines` (seeded from data/stage_deadlines.csv).
CREATE TABLE summonses (
    id BIGSERIAL PRIMARY KEY,
    report_id BIGINT NOT NULL REFERENCES reports (id),
    round INTEGER NOT NULL,
    letter_number TEXT NOT NULL,
    letter_date DATE NOT NULL,
    appear_on DATE NOT NULL,
    place TEXT NOT NULL,
    outcome TEXT,
    created_by BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (report_id, round)
);
CREATE TABLE hearings (
    id BIGSERIAL PRIMARY KEY,
    report_id BIGINT NOT NULL REFERENCES reports (id),
    body TEXT NOT NULL,
    held_on DATE NOT NULL,
    members TEXT NOT NULL,
    asn_present BOOLEAN NOT NULL,
    bap_document_id BIGINT NOT NULL REFERENCES case_documents (id),
    created_by BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX hearings_report ON hearings (report_id, id);
