-- table: restricted.identity_sighting
-- purpose: Which nights and feeds each identity record appeared in, so a change of person (a
--   merge, a split, a late link) re-derives silver rows from only the raw partitions involved
--   instead of scanning every night ever loaded.
-- inputs: written by the link stage from the night's raw rows
-- grain: one row per identity record, feed and night
-- keys: identity_id, feed, night
CREATE TABLE IF NOT EXISTS ${table} (
  identity_id  STRING NOT NULL,
  feed         STRING NOT NULL,
  night        DATE   NOT NULL,
  rows         BIGINT NOT NULL COMMENT 'raw rows of the feed that night carrying this identity'
) USING DELTA
