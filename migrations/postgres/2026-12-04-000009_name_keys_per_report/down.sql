DROP TABLE name_key_rebuild;
