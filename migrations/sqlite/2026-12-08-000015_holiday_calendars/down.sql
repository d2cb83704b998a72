DROP TABLE holiday_calendars;
ALTER TABLE holidays DROP COLUMN isbat;
