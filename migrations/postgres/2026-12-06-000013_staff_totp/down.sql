DROP TABLE sign_in_challenges;
DROP TABLE second_factor_roles;
DROP TABLE staff_recovery_codes;
DROP TABLE staff_totp;
