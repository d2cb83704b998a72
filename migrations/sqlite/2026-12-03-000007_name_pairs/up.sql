-- Issue 8: a search by two words of a name ("Budi Santoso") read along one key in list order,
-- however common each word is alone (the rarest word drove it before, and the other word was
-- checked on every row: ~1/(share of the pair) rows a page). 'p:<a> <b>' for every pair of the
-- name's distinct words of at least 3 characters, the two in byte order; a name with more than 10
-- such words gets the single key 'p:' instead, which a pair search reads too (checking the words
-- per row), so no case is missed. db::case_keys::name_keys spells the same keys for new cases.
INSERT INTO case_keys (key, agency_id, created_at, report_id)
SELECT 'p:' || substr(a.key, 3) || ' ' || substr(b.key, 3), a.agency_id, a.created_at, a.report_id
FROM case_keys a
JOIN case_keys b ON b.report_id = a.report_id AND b.key > a.key AND b.key < 'n;'
WHERE a.key >= 'n:' AND a.key < 'n;' AND length(a.key) >= 5 AND length(b.key) >= 5
  AND a.report_id IN (
      SELECT report_id FROM case_keys
      WHERE key >= 'n:' AND key < 'n;' AND length(key) >= 5
      GROUP BY report_id HAVING count(*) <= 10);

INSERT INTO case_keys (key, agency_id, created_at, report_id)
SELECT 'p:', min(agency_id), min(created_at), report_id
FROM case_keys
WHERE key >= 'n:' AND key < 'n;' AND length(key) >= 5
GROUP BY report_id HAVING count(*) > 10;
