DROP TABLE hearings;
DROP TABLE summonses;
