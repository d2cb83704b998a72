-- The name search reads the name each report gave, not the first name ever recorded for the
-- NIP (issue 10, item 5): another agency's spelling must neither hide a case nor be confirmable
-- by guessing. SQL cannot split a name into its search words the way Rust does, so this lists the
-- cases whose keys were made from a different name; the server rebuilds their keys at start
-- (`db::case_keys::rebuild_pending`) and empties the list.
CREATE TABLE name_key_rebuild (
    report_id BIGINT PRIMARY KEY NOT NULL REFERENCES reports (id) ON DELETE CASCADE
);
INSERT INTO name_key_rebuild (report_id)
SELECT r.id FROM reports r JOIN reported_persons p ON p.id = r.reported_person_id
WHERE r.reported_name <> p.name;
