-- Issue 8: "my cases" in one agency read along its own index. The list matches the handler as a
-- one-value range and orders by it (case_list::by_reports::Driving); with only
-- reports_assigned_created (no agency) SQLite's statistics, which average the agencies, chose
-- reports_agency_deadline and sorted every case of the agency (10k cases: 284 req/s for an
-- inspector's "mine", against 3,855 for the same inspector's state filter). reports_assigned
-- (assigned_user_id, state) was read by no query: it goes, so a filing writes no more index rows
-- than before.
DROP INDEX reports_assigned;
CREATE INDEX reports_agency_assigned ON reports (agency_id, assigned_user_id, created_at, id);
