-- Issue 8: "my cases" in one agency read along its own index, and the indexes of the columns a
-- new case leaves empty hold only the cases that have a value.
--
-- The list matches the handler as a one-value range and orders by it
-- (case_list::by_reports::Driving); with only reports_assigned_created (no agency) SQLite's
-- statistics, which average the agencies, chose reports_agency_deadline and sorted every case of
-- the agency (the bench: 284 req/s at 10k cases, 28 at 100k, 2.4 at 1M for an inspector's
-- "mine"). reports_assigned (assigned_user_id, state) was read by no query: it goes.
--
-- Handler, tier and classification are empty on every new case (at 100k demo cases 84 %, 52 % and
-- 41 % of the rows), and the list only ever reads these indexes with a range on the column, which
-- both planners know cannot match an empty value: as partial indexes they skip those rows, so a
-- filing writes six index entries fewer and seed-demo builds less.
DROP INDEX reports_assigned;
DROP INDEX reports_assigned_created;
DROP INDEX reports_tier_created;
DROP INDEX reports_agency_tier;
DROP INDEX reports_classification_created;
DROP INDEX reports_agency_classification;
CREATE INDEX reports_assigned_created ON reports (assigned_user_id, created_at, id)
    WHERE assigned_user_id IS NOT NULL;
CREATE INDEX reports_agency_assigned ON reports (agency_id, assigned_user_id, created_at, id)
    WHERE assigned_user_id IS NOT NULL;
CREATE INDEX reports_tier_created ON reports (tier, created_at, id) WHERE tier IS NOT NULL;
CREATE INDEX reports_agency_tier ON reports (agency_id, tier, created_at, id) WHERE tier IS NOT NULL;
CREATE INDEX reports_classification_created ON reports (classification, created_at, id)
    WHERE classification IS NOT NULL;
CREATE INDEX reports_agency_classification ON reports (agency_id, classification, created_at, id)
    WHERE classification IS NOT NULL;
