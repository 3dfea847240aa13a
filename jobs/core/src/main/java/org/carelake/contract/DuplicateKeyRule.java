package org.carelake.contract;

/**
 * Which row stands when one night's extract from a borough repeats a record's primary key with
 * different content ({@code carelake.duplicate-keys} in the contract). Exact copies of a row are
 * not affected: they are dropped as duplicates whatever the rule. The rows set aside stay in the
 * feed's raw table (an exact copy of what was sent) and are counted as superseded in the night's
 * silver outcome and measured by the quality stage ({@code conflicting_key_share}).
 */
public enum DuplicateKeyRule implements ContractOption {
  /**
   * The later row stands: the later file of the night by name, then the later row in the file. A
   * source that corrects a record within one extract appends the correction. The default.
   */
  LAST_ROW_WINS("last-row-wins"),
  /** The earlier row stands: for a source that lists a record's current row first, then its history. */
  FIRST_ROW_WINS("first-row-wins");

  private final String id;

  DuplicateKeyRule(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }
}
