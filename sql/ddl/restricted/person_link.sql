-- table: restricted.person_link
-- purpose: The master person index's current answer to "who is this record?": each identity
--   record's linked person, how it was linked, with what score, the fields that drove it and the
--   rule or model version. Updated in place when persons merge or split (see link_event).
-- inputs: restricted.identity, restricted.clerical_review (decisions), restricted.link_model
-- grain: one row per identity record
-- keys: identity_id
CREATE TABLE IF NOT EXISTS ${table} (
  identity_id       STRING  NOT NULL,
  person_id         STRING  NOT NULL COMMENT 'stable internal person id (the identity_id of the person''s founding record); pseudonymised as person_key before leaving the zone',
  method            STRING  NOT NULL COMMENT 'founder, local-id, nhs-number, probabilistic, clerical, merge or split',
  match_probability DOUBLE  COMMENT 'Fellegi-Sunter match probability for probabilistic links',
  match_weight      DOUBLE  COMMENT 'log2 Bayes factor including the prior',
  drivers           STRING  COMMENT 'per-field comparison levels and weights, e.g. date_of_birth=exact(+9.8); never values',
  rule_version      STRING  NOT NULL COMMENT 'deterministic rule id or the model version (fs-...)',
  linked_night      DATE    NOT NULL,
  run_id            STRING  NOT NULL
) USING DELTA
