DROP TABLE agency_aliases;
