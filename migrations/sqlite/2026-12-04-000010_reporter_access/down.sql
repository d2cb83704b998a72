DROP TABLE receipt_views;
DROP TABLE status_signouts;
