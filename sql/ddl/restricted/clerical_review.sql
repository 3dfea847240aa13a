-- table: restricted.clerical_review
-- purpose: Uncertain matches (between the review and link thresholds) waiting for a person to
--   decide, and the decisions made: LINK or NO_LINK, which later nights respect.
-- inputs: written by the link stage (PENDING rows) and by `carelake review decide` (decisions)
-- grain: one row per (identity record, candidate person) pair
-- keys: pair_id
CREATE TABLE IF NOT EXISTS ${table} (
  pair_id             STRING  NOT NULL COMMENT 'SHA-256 of identity_id and candidate_person_id',
  identity_id         STRING  NOT NULL,
  candidate_person_id STRING  NOT NULL,
  match_probability   DOUBLE  NOT NULL,
  match_weight        DOUBLE  NOT NULL,
  drivers             STRING  NOT NULL,
  model_version       STRING  NOT NULL,
  raised_night        DATE    NOT NULL,
  status              STRING  NOT NULL COMMENT 'PENDING, LINK or NO_LINK',
  decided_by          STRING,
  decided_at          TIMESTAMP,
  applied_night       DATE    COMMENT 'the night the link stage acted on the decision'
) USING DELTA
