-- Holidays that follow the Hijri calendar may move by a day with the Ministry of Religious
-- Affairs' isbat (the decree lists them; the isbat settles them): marked, so admins know which
-- dates to check.
ALTER TABLE holidays ADD COLUMN isbat BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE holidays SET isbat = TRUE
  WHERE name_id LIKE '%Idul%' OR name_id LIKE '%Isra%' OR name_id LIKE '%Maulid%'
     OR name_id LIKE '%Tahun Baru Islam%';

-- Which years' calendars are confirmed (entered from the joint ministerial decree). A year with
-- no confirmed calendar is counted with what it has plus the fixed-date holidays by rule, and
-- admins are warned while the next 60 days reach into it.
CREATE TABLE holiday_calendars (
    year INTEGER PRIMARY KEY NOT NULL,
    confirmed BOOLEAN NOT NULL,
    source TEXT NOT NULL
);
