-- Other names people type for an agency ("Kemenkeu", "BKN", "Pemprov Kalteng"), each by its
-- search key (lower case, letters and digits only): agency search and the form's agency field
-- find the agency by any of them. Seeded from data/central_agencies.csv and
-- data/agency_aliases.csv; a key names one agency at most.
CREATE TABLE agency_aliases (
    alias_key TEXT PRIMARY KEY NOT NULL,
    agency_id BIGINT NOT NULL REFERENCES agencies (id),
    alias TEXT NOT NULL
);
CREATE INDEX agency_aliases_agency ON agency_aliases (agency_id);
