DROP INDEX reports_agency_assigned;
CREATE INDEX reports_assigned ON reports (assigned_user_id, state);
