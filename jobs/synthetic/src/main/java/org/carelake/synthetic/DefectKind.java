package org.carelake.synthetic;

/** Every defect the generator injects; {@link #key()} is the manifest and ground-truth name. */
public enum DefectKind {
  /** NHS number left blank on an otherwise valid row: the row still loads (nhs_number is optional). */
  MISSING_NHS_NUMBER("missing_nhs_number", true),
  /** NHS number of 10 digits with a wrong check digit: quarantined by nhs_number.nhs-number. */
  INVALID_NHS_NUMBER("invalid_nhs_number", true),
  /** An exact copy of a valid row right after it in the same file: loads, de-duplicated later. */
  DUPLICATE_ROW("duplicate_row", true),
  /** A care date in 2099: quarantined by &lt;column&gt;.not-in-future. */
  FUTURE_DATE("future_date", true),
  /** A care date before the date of birth: quarantined by &lt;column&gt;.not-before. */
  DATE_BEFORE_BIRTH("date_before_birth", true),
  /** A care date no parser accepts: quarantined by &lt;column&gt;.format. */
  UNPARSEABLE_DATE("unparseable_date", true),
  /** A code that fails its code system (SNOMED check digit, ICD-10 'ZZZ', unknown list value). */
  UNKNOWN_CODE("unknown_code", true),
  /** A byte-identical copy of a file, named &lt;feed&gt;__resent.csv (its rows are counted here). */
  RESENT_FILE("resent_file", false),
  /** One header renamed: the whole file is rejected (its rows are counted here). */
  RENAMED_COLUMN("renamed_column", false),
  /** The file is windows-1252, not UTF-8: the whole file is rejected (its rows are counted here). */
  NON_UTF8_FILE("non_utf8_file", false),
  /** The last row is cut mid-way with no newline: one truncated row. */
  TRUNCATED_ROW("truncated_row", false);

  private final String key;
  private final boolean rowLevel;

  DefectKind(String key, boolean rowLevel) {
    this.key = key;
    this.rowLevel = rowLevel;
  }

  public String key() {
    return key;
  }

  public boolean isRowLevel() {
    return rowLevel;
  }
}
