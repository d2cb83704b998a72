-- The catalogues are versioned (issue 11, defect 7): every edit by an admin makes a new version
-- of the row, and `catalogue_versions` keeps the text of each (name, legal basis, notes, tier) as
-- it stood. A case pins the versions of its violations when it is classified and of its
-- sanctions when they are recommended, so it keeps the text it was decided under.
ALTER TABLE violation_catalogue ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE sanction_catalogue ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE report_violations ADD COLUMN catalogue_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE sanctions ADD COLUMN catalogue_version INTEGER NOT NULL DEFAULT 1;
CREATE TABLE catalogue_versions (
    catalogue TEXT NOT NULL,
    code TEXT NOT NULL,
    version INTEGER NOT NULL,
    name_id TEXT NOT NULL,
    name_en TEXT NOT NULL,
    legal_basis TEXT NOT NULL,
    notes_id TEXT NOT NULL,
    notes_en TEXT NOT NULL,
    tier TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (catalogue, code, version)
);
INSERT INTO catalogue_versions
SELECT 'violation', code, version, name_id, name_en, legal_basis, notes_id, notes_en, default_tier,
       CURRENT_TIMESTAMP
FROM violation_catalogue;
INSERT INTO catalogue_versions
SELECT 'sanction', code, version, name_id, name_en, legal_basis, '', '', tier, CURRENT_TIMESTAMP
FROM sanction_catalogue;
