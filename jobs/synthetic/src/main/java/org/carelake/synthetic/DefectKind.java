package org.carelake.synthetic;

/**
 * Every defect the generator injects; {@link #key()} is the manifest and ground-truth name.
 *
 * <p>Three families: <em>contract defects</em> (at most one per row, drawn with
 * {@link DefectRates}; some make the row fail a contract rule), <em>identifier errors</em>
 * ({@link #isIdentifierError()}: at most one per row, drawn independently with
 * {@link IdentifierErrorRates}; the row still loads and its identifiers disagree with the true
 * person's in the way the kind says) and <em>file-level defects</em>.
 */
public enum DefectKind {
  /** NHS number left blank on an otherwise valid row: the row still loads (nhs_number is optional). */
  MISSING_NHS_NUMBER("missing_nhs_number", true),
  /**
   * NHS number of 10 digits with a wrong check digit: the row loads (the contract's nhs-number rule
   * is a warning) and linkage matches it on the other identifiers.
   */
  INVALID_NHS_NUMBER("invalid_nhs_number", true),
  /** An exact copy of a valid row right after it in the same file: loads, de-duplicated later. */
  DUPLICATE_ROW("duplicate_row", true),
  /**
   * A care row sent again in the same file, right after it, with the same content but a new
   * source record id (the source re-keyed the event): loads; ground truth's duplicate_of names the
   * original's id.
   */
  DUPLICATE_EVENT_NEW_ID("duplicate_event_new_id", true),
  /**
   * Initial extract only: a coded event of a person who moved practice (across boroughs), dated
   * before the move, also sent by the previous practice in its own events extract (its patient id,
   * its system's format, same date, code and value), as GP2GP record transfer leaves history in
   * both systems: loads; duplicate_of names the event id at the current practice.
   */
  CROSS_SYSTEM_DUPLICATE("cross_system_duplicate", true),
  /** A care date in 2099: quarantined by &lt;column&gt;.not-in-future. */
  FUTURE_DATE("future_date", true),
  /** A care date before the date of birth: quarantined by &lt;column&gt;.not-before. */
  DATE_BEFORE_BIRTH("date_before_birth", true),
  /** A care date no parser accepts: quarantined by &lt;column&gt;.format. */
  UNPARSEABLE_DATE("unparseable_date", true),
  /** A code that fails its code system (SNOMED check digit, ICD-10 'ZZZ', unknown list value). */
  UNKNOWN_CODE("unknown_code", true),

  /** One typing slip (insert, delete, substitute a keyboard neighbour, swap adjacent letters) in the given or family name. */
  NAME_TYPO("name_typo", true),
  /** Given or family name respelt the way it sounds (Stephen/Steven, Thompson/Thomson, Mohammed/Muhammad). */
  NAME_PHONETIC("name_phonetic", true),
  /** Given name as a short form (William/Bill, Elizabeth/Liz). */
  NICKNAME("nickname", true),
  /** Given and family name written in each other's columns. */
  NAME_SWAP("name_swap", true),
  /** The person's former surname (before marriage) where the current one belongs. */
  SURNAME_CHANGE("surname_change", true),
  /** Date of birth with day and month swapped (only when the day is 12 or less and differs from the month). */
  DOB_DAY_MONTH_SWAP("dob_day_month_swap", true),
  /** Date of birth defaulted to 1 January of the true year. */
  DOB_DEFAULTED("dob_defaulted", true),
  /** One digit of the date of birth mistyped (still a valid date, not after the care date). */
  DOB_DIGIT_TYPO("dob_digit_typo", true),
  /** One character of the postcode mistyped, letter for letter or digit for digit (still matches the contract's pattern). */
  POSTCODE_TYPO("postcode_typo", true),
  /** The postcode (and, where the feed has it, address line) from before the person's last move. */
  OLD_ADDRESS("old_address", true),
  /** An optional identifier left blank: the address line or the telephone (GP registrations). */
  MISSING_OPTIONAL_FIELD("missing_optional_field", true),
  /** Two adjacent digits of the NHS number transposed (within the 999 range; the check digit may or may not still pass). */
  NHS_NUMBER_TRANSPOSED("nhs_number_transposed", true),
  /** Another synthetic person's valid NHS number (the twin's when there is one). */
  NHS_NUMBER_OF_ANOTHER_PERSON("nhs_number_of_another_person", true),

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

  /** An identifier error: drawn separately from contract defects, and the row always loads. */
  public boolean isIdentifierError() {
    return ordinal() >= NAME_TYPO.ordinal() && ordinal() <= NHS_NUMBER_OF_ANOTHER_PERSON.ordinal();
  }

  /** The kinds whose rows repeat another row's event (duplicate_of is set in ground truth). */
  public boolean isDuplicate() {
    return this == DUPLICATE_ROW || this == DUPLICATE_EVENT_NEW_ID || this == CROSS_SYSTEM_DUPLICATE;
  }
}
