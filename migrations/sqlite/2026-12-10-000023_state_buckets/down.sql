DROP TABLE state_buckets;
