-- Failed sign-ins, per typed account name ("account:<email>") and per client address
-- ("client:<ip>"), kept whether or not the account exists so the answer never tells.
CREATE TABLE login_throttle (
    key TEXT PRIMARY KEY NOT NULL,
    failures INTEGER NOT NULL,
    window_start TIMESTAMP NOT NULL,
    locked_until TIMESTAMP
);
