-- The public form groups the violations under plain headings and narrows them to the election
-- stage and type the reporter chose (issue 11, defect 8). `stages`: the stages a row can happen
-- in, `|`-separated, or 'all'; `elections`: 'pemilu' (UU 7/2017), 'pilkada' (UU 10/2016) or
-- 'all'. Rows an admin added keep the defaults (shown everywhere, under "other").
ALTER TABLE violation_catalogue ADD COLUMN form_group TEXT NOT NULL DEFAULT 'other';
ALTER TABLE violation_catalogue ADD COLUMN stages TEXT NOT NULL DEFAULT 'all';
ALTER TABLE violation_catalogue ADD COLUMN elections TEXT NOT NULL DEFAULT 'all';
UPDATE violation_catalogue SET form_group = 'pre_candidate', stages = 'all', elections = 'all' WHERE code = 'NET-01';
UPDATE violation_catalogue SET form_group = 'pre_candidate', stages = 'all', elections = 'all' WHERE code = 'NET-02';
UPDATE violation_catalogue SET form_group = 'pre_candidate', stages = 'all', elections = 'all' WHERE code = 'NET-03';
UPDATE violation_catalogue SET form_group = 'pre_candidate', stages = 'all', elections = 'all' WHERE code = 'NET-04';
UPDATE violation_catalogue SET form_group = 'pre_candidate', stages = 'all', elections = 'all' WHERE code = 'NET-05';
UPDATE violation_catalogue SET form_group = 'pre_candidate', stages = 'pre_candidacy', elections = 'all' WHERE code = 'NET-06';
UPDATE violation_catalogue SET form_group = 'campaign', stages = 'pre_candidacy|campaign|quiet_period', elections = 'all' WHERE code = 'NET-07';
UPDATE violation_catalogue SET form_group = 'pre_candidate', stages = 'pre_candidacy', elections = 'all' WHERE code = 'NET-08';
UPDATE violation_catalogue SET form_group = 'party', stages = 'all', elections = 'all' WHERE code = 'NET-09';
UPDATE violation_catalogue SET form_group = 'office', stages = 'pre_candidacy|campaign|quiet_period', elections = 'all' WHERE code = 'NET-10';
UPDATE violation_catalogue SET form_group = 'pre_candidate', stages = 'pre_candidacy', elections = 'all' WHERE code = 'NET-11a';
UPDATE violation_catalogue SET form_group = 'campaign', stages = 'campaign|quiet_period|voting|post_voting', elections = 'all' WHERE code = 'NET-11b';
UPDATE violation_catalogue SET form_group = 'pre_candidate', stages = 'pre_candidacy', elections = 'all' WHERE code = 'NET-12';
UPDATE violation_catalogue SET form_group = 'office', stages = 'all', elections = 'all' WHERE code = 'NET-13';
UPDATE violation_catalogue SET form_group = 'campaign', stages = 'campaign|quiet_period', elections = 'all' WHERE code = 'PP-1';
UPDATE violation_catalogue SET form_group = 'campaign', stages = 'campaign|quiet_period', elections = 'all' WHERE code = 'PP-2';
UPDATE violation_catalogue SET form_group = 'campaign', stages = 'campaign|quiet_period', elections = 'all' WHERE code = 'PP-3';
UPDATE violation_catalogue SET form_group = 'campaign', stages = 'campaign|quiet_period', elections = 'all' WHERE code = 'PP-4';
UPDATE violation_catalogue SET form_group = 'office', stages = 'all', elections = 'all' WHERE code = 'PP-5';
UPDATE violation_catalogue SET form_group = 'office', stages = 'all', elections = 'all' WHERE code = 'PP-6';
UPDATE violation_catalogue SET form_group = 'pre_candidate', stages = 'pre_candidacy', elections = 'all' WHERE code = 'PP-7';
UPDATE violation_catalogue SET form_group = 'campaign_team', stages = 'campaign|quiet_period', elections = 'pemilu' WHERE code = 'PID-1';
UPDATE violation_catalogue SET form_group = 'campaign_team', stages = 'campaign|quiet_period', elections = 'pemilu' WHERE code = 'PID-2';
UPDATE violation_catalogue SET form_group = 'office', stages = 'campaign', elections = 'pemilu' WHERE code = 'PID-3';
UPDATE violation_catalogue SET form_group = 'office', stages = 'all', elections = 'pemilu' WHERE code = 'PID-4';
UPDATE violation_catalogue SET form_group = 'office', stages = 'all', elections = 'pilkada' WHERE code = 'PID-5';
UPDATE violation_catalogue SET form_group = 'campaign_team', stages = 'campaign|quiet_period', elections = 'pilkada' WHERE code = 'PID-6';
UPDATE violation_catalogue SET form_group = 'other', stages = 'all', elections = 'all' WHERE code = 'LAINNYA';
