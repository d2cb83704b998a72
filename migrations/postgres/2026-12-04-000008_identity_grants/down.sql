DROP TABLE identity_grants;
