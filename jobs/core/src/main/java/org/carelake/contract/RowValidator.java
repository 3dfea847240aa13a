package org.carelake.contract;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.carelake.identity.NhsNumber;
import org.carelake.standardise.Standardise;
import org.carelake.terminology.CodeFormats;

/**
 * Checks one source row against its contract and converts its values to lake types. Built once
 * per task (it compiles patterns and formatters); not thread-safe-free of cost to create.
 *
 * <p>Rule ids are {@code <column>.<rule>} with rule one of: control-character (a standard rule every
 * column has: NUL and the other control characters but tab and line breaks are never data),
 * required, format, pattern, min-length, max-length, minimum, maximum, valid-values, and the custom
 * rules' ids. Row-level problems use {@code row.column-count}.
 */
public final class RowValidator {
  public static final String COLUMN_COUNT = "row.column-count";
  /** The standard rule every column has: {@code <column>.control-character}. */
  public static final String CONTROL_CHARACTER = "control-character";
  /** The canonical name of a postcode column (docs/data-engineer.md, "Adding a feed"). */
  static final String POSTCODE = "postcode";

  private final Contract contract;
  private final LocalDate runDate;
  private final LocalDateTime endOfRunDate;
  /** The earliest date of birth {@link CustomRule.Kind#PLAUSIBLE_AGE} accepts. */
  private final LocalDate oldestBirth;
  private final ColumnCheck[] checks;
  private final int[] notBeforeIndex;

  public RowValidator(Contract contract, LocalDate runDate) {
    this.contract = requireNonNull(contract, "contract is null");
    this.runDate = requireNonNull(runDate, "runDate is null");
    this.endOfRunDate = runDate.plusDays(1).atStartOfDay();
    this.oldestBirth = runDate.minusYears(CustomRule.MAX_AGE_YEARS + 1).plusDays(1);
    List<Column> columns = contract.columns();
    this.checks = new ColumnCheck[columns.size()];
    this.notBeforeIndex = new int[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      Column column = columns.get(i);
      checks[i] = new ColumnCheck(column);
      notBeforeIndex[i] =
          column.customRules().stream()
              .filter(rule -> rule.kind() == CustomRule.Kind.NOT_BEFORE)
              .map(rule -> contract.indexOf(rule.otherColumn().orElseThrow()))
              .findFirst()
              .orElse(-1);
    }
  }

  public Contract contract() {
    return contract;
  }

  public ValidatedRow validate(String[] fields) {
    Object[] values = new Object[checks.length];
    if (fields.length != checks.length) {
      return new ValidatedRow(values, List.of(COLUMN_COUNT));
    }
    List<String> violations = null;
    List<String> warnings = null;
    for (int i = 0; i < checks.length; i++) {
      String problem = checks[i].check(fields[i], values, i);
      if (checks[i].warning != null) {
        if (warnings == null) {
          warnings = new ArrayList<>(1);
        }
        warnings.add(checks[i].warning);
      }
      if (problem != null) {
        if (violations == null) {
          violations = new ArrayList<>(2);
        }
        violations.add(problem);
      }
    }
    for (int i = 0; i < checks.length; i++) {
      int other = notBeforeIndex[i];
      if (other >= 0 && values[i] != null && values[other] != null && isBefore(values[i], values[other])) {
        if (violations == null) {
          violations = new ArrayList<>(2);
        }
        violations.add(checks[i].ruleId("not-before"));
      }
    }
    return new ValidatedRow(values, violations == null ? List.of() : violations, warnings == null ? List.of() : warnings);
  }

  /**
   * NUL, the other C0 control characters except tab, line feed and carriage return (which quoted
   * free text may hold), and DEL: bytes a source's export slipped in, never data.
   */
  static boolean hasControlCharacter(String value) {
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      if ((ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') || ch == 0x7F) {
        return true;
      }
    }
    return false;
  }

  private static boolean isBefore(Object value, Object other) {
    LocalDateTime a = asDateTime(value);
    LocalDateTime b = asDateTime(other);
    // A care date on the day of birth is fine; only a strictly earlier day is before birth.
    return a.toLocalDate().isBefore(b.toLocalDate());
  }

  private static LocalDateTime asDateTime(Object value) {
    return value instanceof LocalDate date ? date.atStartOfDay() : (LocalDateTime) value;
  }

  /** Compiled rules of one column. */
  private final class ColumnCheck {
    private final Column column;
    private final String prefix;
    private final Pattern pattern;
    private final DateTimeFormatter formatter;
    private final Set<String> validValues;
    private final boolean nhsNumber;
    private final boolean nhsNumberIsWarning;
    /** The warning-severity rule the last checked value broke, or null. */
    String warning;
    private final boolean notInFuture;
    private final boolean plausibleAge;
    private final boolean snomed;
    private final boolean icd10;
    private final boolean opcs4;
    private final boolean postcode;

    ColumnCheck(Column column) {
      this.column = column;
      this.prefix = column.name() + ".";
      this.pattern = column.pattern().map(Pattern::compile).orElse(null);
      this.formatter =
          column
              .format()
              .map(f -> DateTimeFormatter.ofPattern(f.replace("yyyy", "uuuu"), Locale.ROOT)
                  .withResolverStyle(ResolverStyle.STRICT))
              .orElse(null);
      this.validValues = column.validValues().isEmpty() ? null : new HashSet<>(column.validValues());
      this.nhsNumber = has(CustomRule.Kind.NHS_NUMBER);
      this.nhsNumberIsWarning = column.customRules().stream()
          .anyMatch(rule -> rule.kind() == CustomRule.Kind.NHS_NUMBER && rule.severity() == CustomRule.Severity.WARNING);
      this.notInFuture = has(CustomRule.Kind.NOT_IN_FUTURE);
      this.plausibleAge = has(CustomRule.Kind.PLAUSIBLE_AGE);
      this.snomed = has(CustomRule.Kind.SNOMED_CT_ID);
      this.icd10 = has(CustomRule.Kind.ICD10_CODE);
      this.opcs4 = has(CustomRule.Kind.OPCS4_CODE);
      this.postcode = column.name().equals(POSTCODE);
    }

    private boolean has(CustomRule.Kind kind) {
      return column.customRules().stream().anyMatch(rule -> rule.kind() == kind);
    }

    String ruleId(String rule) {
      return prefix + rule;
    }

    /** Parses the value into {@code values[index]}; returns the first rule broken, or null. */
    String check(String raw, Object[] values, int index) {
      warning = null;
      if (raw != null && hasControlCharacter(raw)) {
        return ruleId(CONTROL_CHARACTER);
      }
      String value = normalised(raw == null ? "" : raw.strip());
      if (value.isEmpty()) {
        return column.required() ? ruleId("required") : null;
      }
      Object typed;
      try {
        typed = parse(value);
      } catch (RuntimeException e) {
        return ruleId("format");
      }
      if (pattern != null && !pattern.matcher(value).matches()) {
        return ruleId("pattern");
      }
      if (column.minLength().isPresent() && value.length() < column.minLength().getAsInt()) {
        return ruleId("min-length");
      }
      if (column.maxLength().isPresent() && value.length() > column.maxLength().getAsInt()) {
        return ruleId("max-length");
      }
      if (typed instanceof Number number) {
        BigDecimal decimal = new BigDecimal(number.toString());
        if (column.minimum().isPresent() && decimal.compareTo(column.minimum().get()) < 0) {
          return ruleId("minimum");
        }
        if (column.maximum().isPresent() && decimal.compareTo(column.maximum().get()) > 0) {
          return ruleId("maximum");
        }
      }
      if (validValues != null && !validValues.contains(value)) {
        return ruleId("valid-values");
      }
      if (nhsNumber && !NhsNumber.isValid(value)) {
        if (!nhsNumberIsWarning) {
          return ruleId("nhs-number");
        }
        warning = ruleId("nhs-number");
      }
      if (snomed && !CodeFormats.isSnomedConceptId(value)) {
        return ruleId("snomed-ct-id");
      }
      if (icd10 && !CodeFormats.isIcd10(value)) {
        return ruleId("icd10-code");
      }
      if (opcs4 && !CodeFormats.isOpcs4(value)) {
        return ruleId("opcs4-code");
      }
      if (notInFuture && isAfterRunDate(typed)) {
        return ruleId("not-in-future");
      }
      if (plausibleAge && asDateTime(typed).toLocalDate().isBefore(oldestBirth)) {
        return ruleId("plausible-age");
      }
      values[index] = typed;
      return null;
    }

    /**
     * The standard normalisations, applied before any rule and kept in the loaded value: a column
     * with the {@code nhs-number} rule loses the spaces and dashes numbers are often written with
     * ({@code 943 476 5919} is {@code 9434765919}); the canonical {@code postcode} column is upper
     * case with one space before the inward code ({@code m11aa} is {@code M1 1AA}).
     */
    private String normalised(String value) {
      if (nhsNumber) {
        return NhsNumber.normalise(value);
      }
      if (postcode && !value.isEmpty()) {
        String standard = Standardise.postcode(value);
        return standard != null ? standard : value.toUpperCase(Locale.ROOT);
      }
      return value;
    }

    private boolean isAfterRunDate(Object typed) {
      if (typed instanceof LocalDate date) {
        return date.isAfter(runDate);
      }
      return !((LocalDateTime) typed).isBefore(endOfRunDate);
    }

    private Object parse(String value) {
      switch (column.type()) {
        case STRING:
          return value;
        case INTEGER:
          return Long.parseLong(value);
        case NUMBER:
          double number = Double.parseDouble(value);
          if (Double.isNaN(number) || Double.isInfinite(number)) {
            throw new NumberFormatException("not a finite number");
          }
          return number;
        case DATE:
          return LocalDate.from(parseTemporal(value));
        case TIMESTAMP:
          return LocalDateTime.from(parseTemporal(value));
        case BOOLEAN:
          return parseBoolean(value);
        default:
          throw new IllegalStateException("unhandled type " + column.type());
      }
    }

    private TemporalAccessor parseTemporal(String value) {
      try {
        return formatter.parse(value);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("unparseable", e);
      }
    }

    private Boolean parseBoolean(String value) {
      switch (value.toLowerCase(Locale.ROOT)) {
        case "true", "t", "y", "yes", "1":
          return Boolean.TRUE;
        case "false", "f", "n", "no", "0":
          return Boolean.FALSE;
        default:
          throw new IllegalArgumentException("not a boolean");
      }
    }
  }
}
