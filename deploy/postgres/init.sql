-- Runs once, when the compose PostgreSQL volume is first initialised.
-- Each service owns one schema in the shared `newsroom` database; its migrations
-- create the tables inside it (and would create the schema too, under their
-- advisory lock), so this file only makes the layout visible from the start.
CREATE SCHEMA IF NOT EXISTS drafting;
CREATE SCHEMA IF NOT EXISTS editorial_review;
CREATE SCHEMA IF NOT EXISTS publishing;
CREATE SCHEMA IF NOT EXISTS notifications;
CREATE SCHEMA IF NOT EXISTS desk;
