-- The staff sign-in's second factor (issue 10, "Also deliver").
--
-- One TOTP secret per account that switched the factor on, sealed with a key derived from the
-- secret key (label "staff-totp"): a database dump alone cannot make codes. last_step is the
-- newest 30-second step a code was accepted for; a code of that step or an earlier one is refused,
-- so a code works once. codes_view is the nonce of a new set of recovery codes waiting for its one
-- showing.
CREATE TABLE staff_totp (
    user_id BIGINT PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    secret BYTEA NOT NULL,
    last_step BIGINT,
    codes_view TEXT,
    enabled_at TIMESTAMP NOT NULL
);

-- Ten single-use recovery codes per account, stored only as an HMAC under a key derived from the
-- secret key; used_at marks a spent one. A new set replaces the old.
CREATE TABLE staff_recovery_codes (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, code_hash)
);

-- The roles an admin has required the factor of, besides admin and national staff (always).
CREATE TABLE second_factor_roles (
    role TEXT PRIMARY KEY NOT NULL,
    changed_at TIMESTAMP NOT NULL
);

-- A sign-in whose password was right and whose code is awaited ("password accepted, code
-- pending"): the session holds only the token. It lasts five minutes and five wrong codes; the
-- attempt's account name, address and device are kept to charge or clear the sign-in throttle
-- when it ends.
CREATE TABLE sign_in_challenges (
    token TEXT PRIMARY KEY NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    session_epoch BIGINT NOT NULL,
    email TEXT NOT NULL,
    client TEXT NOT NULL,
    device TEXT,
    failures INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX sign_in_challenges_created ON sign_in_challenges (created_at);

-- Admins and national staff must have the factor from now on: their sessions that signed in with
-- a password alone end here (the epoch moves on), so their next request signs in again and sets
-- the factor up before anything else.
UPDATE users SET session_epoch = session_epoch + 1 WHERE role IN ('admin', 'national');
