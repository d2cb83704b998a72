DELETE FROM case_keys WHERE key >= 'p:' AND key < 'p;';
