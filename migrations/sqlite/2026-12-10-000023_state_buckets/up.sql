-- The buckets officials report cases in (issue 11, "The official buckets"): every state maps to
-- one, as data, shown to staff with the counts. House mapping, to be checked against BKN's own
-- reporting (DOMAIN.md §3.3 names the states, not the buckets): a case examined or with its
-- recommendation being drafted is "under examination"; a case sent to Sentra Gakkumdu is
-- "forwarded" (its administrative track may still resume); "cancelled" holds no state until a
-- decree can be annulled on objection.
CREATE TABLE state_buckets (
    state TEXT PRIMARY KEY NOT NULL,
    bucket TEXT NOT NULL
);
INSERT INTO state_buckets (state, bucket) VALUES
    ('submitted', 'awaiting_verification'),
    ('verification', 'awaiting_verification'),
    ('needs_info', 'awaiting_verification'),
    ('registered', 'under_examination'),
    ('examination', 'under_examination'),
    ('recommendation', 'under_examination'),
    ('awaiting_ppk', 'awaiting_ppk'),
    ('decided', 'sanctioned'),
    ('closed', 'sanctioned'),
    ('not_proven', 'not_proven'),
    ('rejected', 'rejected'),
    ('not_registered', 'rejected'),
    ('forwarded_gakkumdu', 'forwarded'),
    ('forwarded_agency', 'forwarded'),
    ('closed_no_decision', 'closed_without_decision');
