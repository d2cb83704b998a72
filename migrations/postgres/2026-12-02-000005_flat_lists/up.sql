-- Issue 8: an index for every sort and filter of the case list, national ("all agencies") and per
-- agency, each ending in (created_at, id) so a page is an index range read in order, never a sort
-- of the whole scope; the reported person's history read newest first and bounded.
CREATE INDEX reports_created ON reports (created_at, id);
CREATE INDEX reports_agency_deadline ON reports (agency_id, deadline_at, id);
DROP INDEX reports_classification;
CREATE INDEX reports_classification_created ON reports (classification, created_at, id);
CREATE INDEX reports_agency_classification ON reports (agency_id, classification, created_at, id);
CREATE INDEX reports_tier_created ON reports (tier, created_at, id);
CREATE INDEX reports_agency_tier ON reports (agency_id, tier, created_at, id);
DROP INDEX reports_election;
CREATE INDEX reports_election_created ON reports (election_type, created_at, id);
CREATE INDEX reports_agency_election ON reports (agency_id, election_type, created_at, id);
CREATE INDEX reports_assigned_created ON reports (assigned_user_id, created_at, id);
DROP INDEX reports_person;
CREATE INDEX reports_person_created ON reports (reported_person_id, created_at, id);
CREATE INDEX reports_person_agency ON reports (reported_person_id, agency_id, created_at, id);

-- Cases per (agency, state), kept by triggers in the transaction of every insert, state change,
-- forwarding and delete, so the counts above the list are read, never counted. agency_id 0 holds
-- the national counts (no agency has id 0), so a national page reads one row per state too.
CREATE TABLE case_counts (
    agency_id BIGINT NOT NULL,
    state TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (agency_id, state)
);
INSERT INTO case_counts (agency_id, state, n)
SELECT agency_id, state, count(*) FROM reports GROUP BY agency_id, state;
INSERT INTO case_counts (agency_id, state, n)
SELECT 0, state, count(*) FROM reports GROUP BY state;

-- Rows are always locked agency first, national second, so two transactions never wait on each
-- other in a circle.
CREATE FUNCTION case_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE case_counts SET n = n - 1 WHERE agency_id = OLD.agency_id AND state = OLD.state;
        UPDATE case_counts SET n = n - 1 WHERE agency_id = 0 AND state = OLD.state;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO case_counts (agency_id, state, n) VALUES (NEW.agency_id, NEW.state, 1)
        ON CONFLICT (agency_id, state) DO UPDATE SET n = case_counts.n + 1;
        INSERT INTO case_counts (agency_id, state, n) VALUES (0, NEW.state, 1)
        ON CONFLICT (agency_id, state) DO UPDATE SET n = case_counts.n + 1;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER reports_count_insert_delete AFTER INSERT OR DELETE ON reports
    FOR EACH ROW EXECUTE FUNCTION case_counts_track();
CREATE TRIGGER reports_count_update AFTER UPDATE OF state, agency_id ON reports
    FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.agency_id IS DISTINCT FROM NEW.agency_id)
    EXECUTE FUNCTION case_counts_track();
