-- Cases staff open themselves (issue 11, "Intake channel"; DOMAIN.md §3.1): a Bawaslu or
-- SP4N-LAPOR! referral, or an internal finding (temuan). `reports.channel` says which ('web' for
-- the public form); this table keeps the referring letter and who opened the case. Such a case has
-- no reporter row and no receipt: nobody can open it on the status page.
CREATE TABLE referrals (
    report_id BIGINT PRIMARY KEY REFERENCES reports (id),
    letter_number TEXT NOT NULL,
    letter_date DATE,
    sender TEXT NOT NULL,
    opened_by BIGINT NOT NULL REFERENCES users (id)
);
