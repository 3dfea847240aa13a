-- table: ops.opt_out
-- purpose: How many people each opt-out list kept out of the night's research and planning
--   outputs: the NHS numbers the latest list of every borough holds, how many of them matched a
--   linked person, and how many persons the gold stage excluded. Counts only: never a number or a
--   person. Written by the gold stage's opt-out component (org.carelake.governance.OptOuts) each
--   time it builds the night.
-- inputs: restricted.ingest_ledger (each borough's latest list on or before the night),
--   restricted.raw_national_data_opt_out, restricted.raw_type_1_opt_out, restricted.identity,
--   restricted.person_link
-- grain: one row per night and list
-- keys: night, list
CREATE TABLE IF NOT EXISTS ${table} (
  night            DATE      NOT NULL,
  list             STRING    NOT NULL COMMENT 'national-data-opt-out or type-1 (the contract''s carelake.opt-out)',
  withholds        STRING    NOT NULL COMMENT 'what the list removes from outputs: all sources, or gp (GP-sourced silver tables only)',
  boroughs         INT       NOT NULL COMMENT 'boroughs whose latest list on or before the night names anyone (an empty list names nobody)',
  numbers_listed   BIGINT    NOT NULL COMMENT 'distinct NHS numbers on the lists that apply',
  numbers_matched  BIGINT    NOT NULL COMMENT 'of those, numbers held by an identity record with a linked person',
  persons_excluded BIGINT    NOT NULL COMMENT 'distinct linked persons excluded',
  run_id           STRING    NOT NULL,
  recorded_at      TIMESTAMP NOT NULL
) USING DELTA
