-- Issue 8: the case list's violation filter and name search as index range reads in list order.
-- One row per (key, case): 'v:<code>' for each violation of the case (kept by the triggers below
-- from report_violations) and 'n:<word>' for each word of the reported person's name (written by
-- the application with the case: SQL cannot split words the way the search does). The case's
-- agency and filing time are copied in so a page is read off (key[, agency], created_at, id) in
-- order; an EXISTS per row scanned the whole scope for a rare violation or name.
-- A rowid table with its keys in indexes (not WITHOUT ROWID): seed-demo can then drop every index,
-- append millions of rows in any order, and build the indexes once by sorting.
CREATE TABLE case_keys (
    key TEXT NOT NULL,
    agency_id BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    report_id BIGINT NOT NULL
);
CREATE UNIQUE INDEX case_keys_agency ON case_keys (key, agency_id, created_at, report_id);
CREATE INDEX case_keys_national ON case_keys (key, created_at, report_id);
CREATE INDEX case_keys_report ON case_keys (report_id, key);

INSERT INTO case_keys (key, agency_id, created_at, report_id)
SELECT 'v:' || v.code, r.agency_id, r.created_at, r.id
FROM report_violations v JOIN reports r ON r.id = v.report_id;

-- The name words of the cases already filed: the person's name in lower case, split at anything
-- that is not a letter or digit (ASCII punctuation here; the application splits at every
-- non-alphanumeric character, which is the same for the names seen so far).
INSERT OR IGNORE INTO case_keys (key, agency_id, created_at, report_id)
WITH RECURSIVE names (report_id, agency_id, created_at, rest) AS (
    SELECT r.id, r.agency_id, r.created_at,
           replace(replace(replace(replace(replace(replace(lower(p.name),
               '.', ' '), ',', ' '), '-', ' '), '''', ' '), '(', ' '), ')', ' ') || ' '
    FROM reports r JOIN reported_persons p ON p.id = r.reported_person_id
),
words (report_id, agency_id, created_at, word, rest) AS (
    SELECT report_id, agency_id, created_at, '', rest FROM names
    UNION ALL
    SELECT report_id, agency_id, created_at,
           substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1)
    FROM words WHERE rest <> ''
)
SELECT 'n:' || word, agency_id, created_at, report_id FROM words WHERE word <> '';

CREATE TRIGGER report_violations_key AFTER INSERT ON report_violations BEGIN
    INSERT OR IGNORE INTO case_keys (key, agency_id, created_at, report_id)
    SELECT 'v:' || NEW.code, agency_id, created_at, id FROM reports WHERE id = NEW.report_id;
END;
CREATE TRIGGER report_violations_unkey AFTER DELETE ON report_violations BEGIN
    DELETE FROM case_keys WHERE report_id = OLD.report_id AND key = 'v:' || OLD.code;
END;
-- A forwarded case takes its keys to its new agency.
CREATE TRIGGER reports_keys_agency AFTER UPDATE OF agency_id ON reports
WHEN OLD.agency_id IS NOT NEW.agency_id BEGIN
    UPDATE case_keys SET agency_id = NEW.agency_id WHERE report_id = NEW.id;
END;
CREATE TRIGGER reports_keys_delete AFTER DELETE ON reports BEGIN
    DELETE FROM case_keys WHERE report_id = OLD.id;
END;
