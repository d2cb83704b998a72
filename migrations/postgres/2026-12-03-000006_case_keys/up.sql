-- Issue 8: the case list's violation filter and name search as index range reads in list order.
-- One row per (key, case): 'v:<code>' for each violation of the case (kept by the triggers below
-- from report_violations) and 'n:<word>' for each word of the reported person's name (written by
-- the application with the case: the words are split the way the search splits them). The case's
-- agency and filing time are copied in so a page is read off (key[, agency], created_at, id) in
-- order; an EXISTS per row scanned the whole scope for a rare violation or name. The keys compare
-- byte by byte (COLLATE "C") so "begins with" is an index range, as in SQLite.
CREATE TABLE case_keys (
    key TEXT COLLATE "C" NOT NULL,
    agency_id BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    report_id BIGINT NOT NULL,
    PRIMARY KEY (key, agency_id, created_at, report_id)
);
CREATE INDEX case_keys_national ON case_keys (key, created_at, report_id);
CREATE INDEX case_keys_report ON case_keys (report_id, key);

INSERT INTO case_keys (key, agency_id, created_at, report_id)
SELECT 'v:' || v.code, r.agency_id, r.created_at, r.id
FROM report_violations v JOIN reports r ON r.id = v.report_id;

INSERT INTO case_keys (key, agency_id, created_at, report_id)
SELECT DISTINCT 'n:' || w, r.agency_id, r.created_at, r.id
FROM reports r JOIN reported_persons p ON p.id = r.reported_person_id,
     regexp_split_to_table(lower(p.name), '[^[:alnum:]]+') AS w
WHERE w <> '';

CREATE FUNCTION case_keys_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'report_violations' THEN
        IF TG_OP = 'INSERT' THEN
            INSERT INTO case_keys (key, agency_id, created_at, report_id)
            SELECT 'v:' || NEW.code, agency_id, created_at, id FROM reports WHERE id = NEW.report_id
            ON CONFLICT DO NOTHING;
        ELSE
            DELETE FROM case_keys WHERE report_id = OLD.report_id AND key = 'v:' || OLD.code;
        END IF;
    ELSIF TG_OP = 'UPDATE' THEN
        -- A forwarded case takes its keys to its new agency.
        UPDATE case_keys SET agency_id = NEW.agency_id WHERE report_id = NEW.id;
    ELSE
        DELETE FROM case_keys WHERE report_id = OLD.id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER report_violations_key AFTER INSERT OR DELETE ON report_violations
    FOR EACH ROW EXECUTE FUNCTION case_keys_track();
CREATE TRIGGER reports_keys_agency AFTER UPDATE OF agency_id ON reports
    FOR EACH ROW WHEN (OLD.agency_id IS DISTINCT FROM NEW.agency_id)
    EXECUTE FUNCTION case_keys_track();
CREATE TRIGGER reports_keys_delete AFTER DELETE ON reports
    FOR EACH ROW EXECUTE FUNCTION case_keys_track();
