-- table: restricted.link_model
-- purpose: Fellegi-Sunter models estimated by expectation-maximisation (m probabilities and the
--   prior from blocked pairs, u from random pairs), one row per version; the newest is used.
-- inputs: written by the link stage when no model exists or --retrain-linkage is given
-- grain: one row per model version
-- keys: model_version
CREATE TABLE IF NOT EXISTS ${table} (
  model_version     STRING    NOT NULL COMMENT 'fs- and 12 hex characters of the parameters'' SHA-256',
  trained_night     DATE      NOT NULL,
  trained_at        TIMESTAMP NOT NULL,
  parameters        STRING    NOT NULL COMMENT 'the model as text: lambda, m and u per field and level',
  blocked_pairs     BIGINT    NOT NULL,
  random_pairs      BIGINT    NOT NULL,
  iterations        INT       NOT NULL,
  converged         BOOLEAN   NOT NULL
) USING DELTA
