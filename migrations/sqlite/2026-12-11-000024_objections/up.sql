-- Upaya administratif (issue 11; PP 79/2021): the keberatan or banding the sanctioned ASN files
-- against the decree, one per case, and how it ended. A changed sentence replaces the decreed one:
-- the old sanction rows stay, marked superseded, so the case file shows both.
CREATE TABLE objections (
    report_id BIGINT PRIMARY KEY REFERENCES reports (id),
    kind TEXT NOT NULL,
    filed_on DATE NOT NULL,
    -- The window's last day when it was filed, and whether staff accepted it after that day.
    window_end DATE NOT NULL,
    late BOOLEAN NOT NULL,
    filed_by BIGINT NOT NULL REFERENCES users (id),
    filed_at TIMESTAMP NOT NULL,
    outcome TEXT,
    decision_number TEXT,
    decision_date DATE,
    decided_by BIGINT REFERENCES users (id),
    decided_at TIMESTAMP
);
ALTER TABLE sanctions ADD COLUMN superseded_at TIMESTAMP;
-- An objection pending or decided leaves the case sanctioned; an annulled decree is "cancelled".
INSERT INTO state_buckets (state, bucket) VALUES
    ('objection', 'sanctioned'),
    ('objection_decided', 'sanctioned'),
    ('annulled', 'cancelled');
