package org.carelake.release;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.carelake.digest.Sha256;
import org.carelake.disclosure.CellStatus;
import org.carelake.disclosure.Differencing;
import org.carelake.disclosure.DisclosureRule;
import org.carelake.disclosure.DisclosureSpec;
import org.carelake.identity.NhsNumber;

/**
 * The output check: applies CareLake's disclosure rules to a CSV someone wants to take out of the
 * environment and says, check by check, whether it may go to the information governance lead for
 * release. Spark-free; reads the whole file in memory, as outputs are small aggregates (a file over
 * {@link Settings#maxRows} rows is refused anyway).
 *
 * <p>Findings name the file, row, column and rule, never a cell's value.
 */
public final class OutputChecker {
  /** Rows a file may have by default: more is not an aggregate. */
  public static final int DEFAULT_MAX_ROWS = 1000;
  /** A value longer than this, with more words than {@link #FREE_TEXT_WORDS}, or with a line break is free text. */
  public static final int FREE_TEXT_LENGTH = 120;
  public static final int FREE_TEXT_WORDS = 12;
  /** At most this many rows are named per column and rule; the rest are counted. */
  static final int ROWS_NAMED = 5;

  /** The check names, in the order the release record lists them. */
  public static final String CSV = OutputCsv.RULE;
  public static final String ROWS = "rows.limit";
  public static final String REQUEST = "request.columns";
  public static final String ID_NAMES = "identifier.column-name";
  public static final String ID_NHS = "identifier.nhs-number";
  public static final String ID_PSEUDONYM = "identifier.pseudonym";
  public static final String ID_POSTCODE = "identifier.postcode";
  public static final String ID_BIRTH = "identifier.date-of-birth";
  public static final String FREE_TEXT = "free-text";
  public static final String NOT_A_COUNT = "count.whole-number";
  public static final String SMALL = "count.small-number";
  public static final String UNROUNDED = "count.rounded";
  public static final String DIFFERENCING = "totals.differencing";
  public static final String RATE_INPUTS = "rate.numerator-denominator";
  public static final String RATE_ROUNDED = "rate.from-rounded-counts";
  public static final String UNDECLARED = "statistic.declared";
  public static final List<String> CHECKS = List.of(CSV, ROWS, REQUEST, ID_NAMES, ID_NHS, ID_PSEUDONYM, ID_POSTCODE, ID_BIRTH,
      FREE_TEXT, NOT_A_COUNT, SMALL, UNROUNDED, DIFFERENCING, RATE_INPUTS, RATE_ROUNDED, UNDECLARED);

  /** How a suppressed cell may be written (compared lower case). */
  public static final Set<String> SUPPRESSED = Set.of("", "*", "-", "c", "na", "n/a", "null", "[redacted]", "redacted", "suppressed", "<8");
  /** The values that mark a total row in a {@code row_totals} column (compared lower case). */
  public static final Set<String> TOTAL_MARKERS = Set.of("all", "total");

  /** Column names that are identifiers whatever they hold (normalised: lower case, runs of other characters as '_'). */
  static final Set<String> IDENTIFIER_NAMES = Set.of("nhs_number", "nhs_no", "nhsnumber", "nhs_num", "person_key", "patient_id",
      "person_id", "pseudonym", "project_pseudonym", "name", "full_name", "given_name", "family_name", "forename", "forenames",
      "surname", "first_name", "last_name", "address", "address_line_1", "address_line_2", "address_line_3", "postcode",
      "post_code", "telephone", "phone", "phone_number", "mobile", "email", "email_address", "date_of_birth", "dob", "birth_date");

  private static final Pattern WHOLE = Pattern.compile("-?[0-9]+");
  private static final Pattern NUMBER = Pattern.compile("-?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?");
  private static final Pattern HEX_KEY = Pattern.compile("(?i)(?=[0-9a-f]*[0-9])(?=[0-9a-f]*[a-f])[0-9a-f]{16,}");
  private static final Pattern UUID = Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  /** A full postcode, as the contracts' postcode pattern, spaces optional. */
  private static final Pattern POSTCODE = Pattern.compile("[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}");
  private static final Pattern BIRTH_COLUMN = Pattern.compile("(^|_)(dob|birth|born|birthday)(_|$)|date_of_birth|birth_date|birthdate");
  private static final Pattern DATE_LIKE = Pattern.compile("[0-9]{1,4}[-/.][0-9]{1,2}([-/.][0-9]{1,4})?([ T].*)?|[0-9]{8}");
  private static final Pattern RATE_NAME = Pattern.compile("(^|_)(rate|rates|percent|percentage|pct|proportion|prop|ratio|prevalence|incidence|per_[0-9]+|mean|median|sd)(_|$)");

  /**
   * @param rule the disclosure rule counts must already follow
   * @param maxRows more rows than this is not an aggregate
   * @param identifierColumns further column names that are identifiers (the contracts' direct identifiers)
   */
  public record Settings(DisclosureRule rule, int maxRows, Set<String> identifierColumns) {
    public Settings {
      requireNonNull(rule, "rule is null");
      if (maxRows < 1) {
        throw new IllegalArgumentException("maxRows must be at least 1");
      }
      identifierColumns = Set.copyOf(identifierColumns);
    }

    public static Settings defaults() {
      return new Settings(DisclosureRule.defaults(), DEFAULT_MAX_ROWS, Set.of());
    }
  }

  /** One check as the release record lists it. */
  public record CheckResult(String check, boolean passed, int problems) {}

  /** The outcome: the file's checksum and shape, each check's result, and every finding. */
  public record Result(String file, String sha256, long bytes, int rows, List<String> columns, List<CheckResult> checks,
      List<Finding> findings) {
    public Result {
      columns = List.copyOf(columns);
      checks = List.copyOf(checks);
      findings = List.copyOf(findings);
    }

    public boolean passed() {
      return findings.isEmpty();
    }
  }

  private final Settings settings;

  public OutputChecker(Settings settings) {
    this.settings = requireNonNull(settings, "settings is null");
  }

  public Settings settings() {
    return settings;
  }

  /** Checks a file's bytes against the request. */
  public Result check(String file, byte[] bytes, OutputRequest request) {
    requireNonNull(request, "request is null");
    OutputCsv csv = OutputCsv.parse(file, bytes);
    Run run = new Run(csv, request);
    run.findings.addAll(csv.problems());
    if (!csv.header().isEmpty()) {
      run.checkAll();
    }
    Map<String, Integer> byCheck = new LinkedHashMap<>();
    CHECKS.forEach(check -> byCheck.put(check, 0));
    for (Finding finding : run.findings) {
      byCheck.merge(finding.rule(), 1, Integer::sum);
    }
    List<CheckResult> checks = new ArrayList<>();
    byCheck.forEach((check, problems) -> checks.add(new CheckResult(check, problems == 0, problems)));
    return new Result(file, Sha256.hex(bytes), bytes.length, csv.rows().size(), csv.header(), checks, run.findings);
  }

  /** One check of one file: the column roles and the findings so far. */
  private final class Run {
    private final OutputCsv csv;
    private final OutputRequest request;
    private final String file;
    private final List<Finding> findings = new ArrayList<>();
    private final Set<String> counts = new LinkedHashSet<>();
    private final Set<String> rates = new LinkedHashSet<>();
    private final Set<String> keys = new LinkedHashSet<>();
    /** Per column and rule, the rows found so far, so each column names a few rows and counts the rest. */
    private final Map<String, List<Long>> rowsByColumnAndRule = new LinkedHashMap<>();
    private final Map<String, String> messages = new HashMap<>();

    Run(OutputCsv csv, OutputRequest request) {
      this.csv = csv;
      this.request = request;
      this.file = csv.file();
    }

    void checkAll() {
      if (csv.rows().size() > settings.maxRows()) {
        findings.add(new Finding(ROWS, file, 0, null, "has " + csv.rows().size() + " rows, more than the " + settings.maxRows()
            + " an aggregate output may have: release aggregates, not records"));
      }
      roles();
      for (String column : csv.header()) {
        if (column.isEmpty()) {
          continue;
        }
        int index = csv.indexOf(column);
        identifiers(column, index);
        if (counts.contains(column)) {
          counts(column, index);
        } else if (!rates.contains(column)) {
          freeTextAndUndeclared(column, index);
        }
      }
      rates();
      differencing();
      flush();
    }

    /** Which columns are counts, rates and keys: declared in the request, else judged by their values. */
    private void roles() {
      Set<String> header = new LinkedHashSet<>(csv.header());
      for (OutputRequest.Rate rate : request.rates()) {
        rates.add(rate.column());
        counts.add(rate.numerator());
        counts.add(rate.denominator());
      }
      counts.addAll(request.counts());
      request.columnTotals().forEach((total, parts) -> {
        counts.add(total);
        counts.addAll(parts);
      });
      keys.addAll(request.keys());
      for (String column : concat(counts, rates, keys, request.rowTotals())) {
        if (!header.contains(column)) {
          findings.add(new Finding(REQUEST, file, 0, column, "is named in the request but is not in the file"));
        }
      }
      for (String column : keys) {
        if (counts.contains(column) || rates.contains(column)) {
          findings.add(new Finding(REQUEST, file, 0, column, "is declared both a key and a count or rate"));
        }
      }
      counts.retainAll(header);
      rates.retainAll(header);
      for (String column : csv.header()) {
        if (column.isEmpty() || counts.contains(column) || rates.contains(column) || keys.contains(column)) {
          continue;
        }
        if (looksLikeCounts(csv.indexOf(column)) && !RATE_NAME.matcher(normalisedName(column)).find()) {
          counts.add(column);
        } else {
          keys.add(column);
        }
      }
    }

    /** Every value a whole number or a suppression marker, and at least one whole number. */
    private boolean looksLikeCounts(int index) {
      boolean any = false;
      for (OutputCsv.Row row : csv.rows()) {
        String value = row.values().get(index);
        if (WHOLE.matcher(value).matches()) {
          any = true;
        } else if (!SUPPRESSED.contains(value.toLowerCase(Locale.ROOT))) {
          return false;
        }
      }
      return any;
    }

    private void identifiers(String column, int index) {
      String name = normalisedName(column);
      if (IDENTIFIER_NAMES.contains(name) || settings.identifierColumns().contains(name)) {
        findings.add(new Finding(ID_NAMES, file, 0, column, "is named as an identifier (NHS number, name, address, postcode,"
            + " date of birth, pseudonym or the like); identifiers never leave the environment"));
      }
      boolean birthColumn = BIRTH_COLUMN.matcher(name).find();
      for (OutputCsv.Row row : csv.rows()) {
        String value = row.values().get(index);
        if (value.isEmpty()) {
          continue;
        }
        if (NhsNumber.isValid(NhsNumber.normalise(value))) {
          note(ID_NHS, column, row, "holds NHS-number-like values (ten digits with a valid check digit)");
        } else if (HEX_KEY.matcher(value).matches() || UUID.matcher(value).matches()) {
          note(ID_PSEUDONYM, column, row, "holds pseudonym-like keys (long hexadecimal or UUID values): record-level data");
        } else if (POSTCODE.matcher(value.toUpperCase(Locale.ROOT)).matches()) {
          note(ID_POSTCODE, column, row, "holds full postcodes; release at most the postcode district or LSOA");
        } else if (birthColumn && DATE_LIKE.matcher(value).matches()) {
          note(ID_BIRTH, column, row, "holds dates of birth; release age bands or year of birth at most");
        }
      }
    }

    private void counts(String column, int index) {
      int status = csv.indexOf(DisclosureSpec.statusColumn(column));
      for (OutputCsv.Row row : csv.rows()) {
        String value = row.values().get(index);
        if (SUPPRESSED.contains(value.toLowerCase(Locale.ROOT))) {
          continue;
        }
        if (status >= 0 && CellStatus.SUPPRESSED.label().equalsIgnoreCase(row.values().get(status))) {
          note(SMALL, column, row, "shows a value where its status column says suppressed");
          continue;
        }
        if (!WHOLE.matcher(value).matches()) {
          note(NOT_A_COUNT, column, row, "is a count column but holds something other than a whole number or a suppression marker"
              + " (blank, *, [REDACTED]); declare other statistics as rates in the request");
          continue;
        }
        long count;
        try {
          count = Long.parseLong(value);
        } catch (NumberFormatException e) {
          note(NOT_A_COUNT, column, row, "holds a number too large to be a count");
          continue;
        }
        switch (settings.rule().checkPublished(count)) {
          case SMALL -> note(SMALL, column, row, "holds a count from 1 to " + (settings.rule().suppressBelow() - 1)
              + ": suppress it (and enough other cells that no total gives it away)");
          case UNROUNDED -> note(UNROUNDED, column, row, "holds a count not rounded to a multiple of " + settings.rule().roundTo());
          case NEGATIVE -> note(NOT_A_COUNT, column, row, "holds a negative number, which is not a count");
          case SAFE -> { }
        }
      }
    }

    private void freeTextAndUndeclared(String column, int index) {
      for (OutputCsv.Row row : csv.rows()) {
        String value = row.values().get(index);
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.length() > FREE_TEXT_LENGTH
            || value.split("\\s+").length > FREE_TEXT_WORDS) {
          note(FREE_TEXT, column, row, "holds free text (a line break, over " + FREE_TEXT_LENGTH + " characters or over "
              + FREE_TEXT_WORDS + " words); free text never leaves the environment");
        } else if (!request.keys().contains(column)) {
          if (NUMBER.matcher(value).matches() && !WHOLE.matcher(value).matches()
              || RATE_NAME.matcher(normalisedName(column)).find() && NUMBER.matcher(value).matches()) {
            note(UNDECLARED, column, row, "looks like a rate or other statistic but the request does not declare it with its"
                + " numerator and denominator count columns");
          }
        }
      }
    }

    private void rates() {
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < csv.header().size(); i++) {
        index.put(csv.header().get(i), i);
      }
      for (OutputRequest.Rate rate : request.rates()) {
        Integer r = index.get(rate.column());
        Integer n = index.get(rate.numerator());
        Integer d = index.get(rate.denominator());
        if (r == null) {
          continue;
        }
        if (n == null || d == null) {
          findings.add(new Finding(RATE_INPUTS, file, 0, rate.column(), "is a rate whose numerator or denominator column is not in"
              + " the file: release a rate only with its rounded numerator and denominator"));
          continue;
        }
        for (OutputCsv.Row row : csv.rows()) {
          String value = row.values().get(r);
          if (SUPPRESSED.contains(value.toLowerCase(Locale.ROOT))) {
            continue;
          }
          if (!NUMBER.matcher(value).matches()) {
            note(RATE_INPUTS, rate.column(), row, "is a rate column but holds something other than a number or a suppression marker");
            continue;
          }
          Long numerator = publishedCount(row.values().get(n));
          Long denominator = publishedCount(row.values().get(d));
          if (numerator == null || denominator == null) {
            note(RATE_INPUTS, rate.column(), row, "shows a rate where its numerator or denominator is suppressed or not a count;"
                + " suppress the rate too");
            continue;
          }
          if (numerator < settings.rule().suppressBelow() || denominator < settings.rule().suppressBelow()) {
            note(RATE_INPUTS, rate.column(), row, "shows a rate whose numerator or denominator is below "
                + settings.rule().suppressBelow() + "; suppress the rate");
            continue;
          }
          if (rate.per().isPresent() && denominator > 0) {
            BigDecimal shown = new BigDecimal(value);
            double expected = numerator * (double) rate.per().get() / denominator;
            double tolerance = 0.5 * Math.pow(10, -Math.max(shown.scale(), 0)) + 1e-9;
            if (Math.abs(shown.doubleValue() - expected) > tolerance) {
              note(RATE_ROUNDED, rate.column(), row, "is not the rate of the rounded numerator and denominator shown beside it:"
                  + " compute rates from the rounded counts, or they undo the rounding");
            }
          }
        }
      }
    }

    /** A shown count's value, or null when suppressed or not a count. */
    private Long publishedCount(String value) {
      if (SUPPRESSED.contains(value.toLowerCase(Locale.ROOT)) || !WHOLE.matcher(value).matches()) {
        return null;
      }
      try {
        return Long.parseLong(value);
      } catch (NumberFormatException e) {
        return null;
      }
    }

    /**
     * The secondary-disclosure check: cells are the count cells; sums are the declared column
     * totals (in each row) and row totals (per count column, the total row against the rows that
     * share its other keys). A suppressed cell a reader can work out from them is refused.
     */
    private void differencing() {
      if (request.columnTotals().isEmpty() && request.rowTotals().isEmpty()) {
        return;
      }
      List<String> countColumns = new ArrayList<>(counts);
      int width = countColumns.size();
      List<OutputCsv.Row> rows = csv.rows();
      boolean[] suppressed = new boolean[rows.size() * width];
      for (int r = 0; r < rows.size(); r++) {
        for (int c = 0; c < width; c++) {
          suppressed[r * width + c] = SUPPRESSED.contains(rows.get(r).values().get(csv.indexOf(countColumns.get(c))).toLowerCase(Locale.ROOT));
        }
      }
      List<Differencing.Sum> sums = new ArrayList<>();
      request.columnTotals().forEach((total, parts) -> {
        int t = countColumns.indexOf(total);
        int[] members = parts.stream().mapToInt(countColumns::indexOf).toArray();
        if (t < 0 || members.length == 0 || java.util.Arrays.stream(members).anyMatch(m -> m < 0)) {
          return;
        }
        for (int r = 0; r < rows.size(); r++) {
          int row = r;
          sums.add(new Differencing.Sum(row * width + t, java.util.Arrays.stream(members).map(m -> row * width + m).toArray()));
        }
      });
      for (String totalKey : request.rowTotals()) {
        int keyIndex = csv.indexOf(totalKey);
        if (keyIndex < 0 || counts.contains(totalKey)) {
          continue;
        }
        // The other keys, but not a count's status column (zero, rounded, suppressed), which differs between a total and its parts.
        List<Integer> otherKeys = keys.stream().filter(k -> !k.equals(totalKey)).filter(k -> !isStatusColumn(k)).map(csv::indexOf).toList();
        Map<List<String>, List<Integer>> partsByGroup = new LinkedHashMap<>();
        Map<List<String>, List<Integer>> totalsByGroup = new LinkedHashMap<>();
        for (int r = 0; r < rows.size(); r++) {
          List<String> values = rows.get(r).values();
          List<String> group = otherKeys.stream().map(values::get).toList();
          boolean isTotal = TOTAL_MARKERS.contains(values.get(keyIndex).toLowerCase(Locale.ROOT));
          (isTotal ? totalsByGroup : partsByGroup).computeIfAbsent(group, g -> new ArrayList<>()).add(r);
        }
        totalsByGroup.forEach((group, totalRows) -> {
          List<Integer> parts = partsByGroup.getOrDefault(group, List.of());
          if (parts.isEmpty()) {
            return;
          }
          for (int totalRow : totalRows) {
            for (int c = 0; c < width; c++) {
              int column = c;
              sums.add(new Differencing.Sum(totalRow * width + c, parts.stream().mapToInt(p -> p * width + column).toArray()));
            }
          }
        });
      }
      SortedSet<Integer> recovered = Differencing.recoverable(suppressed, sums);
      Set<Integer> totals = new TreeSet<>();
      sums.forEach(sum -> totals.add(sum.total()));
      for (int cell : recovered) {
        OutputCsv.Row row = rows.get(cell / width);
        String column = countColumns.get(cell % width);
        note(DIFFERENCING, column, row, totals.contains(cell) && !isMemberOfAnySum(sums, cell)
            ? "holds a suppressed total that the shown cells it sums give away; suppress one of them too"
            : "holds a suppressed cell that a total minus the other cells gives away; suppress another cell of that total"
                + " (the smallest), or the total");
      }
    }

    /** A {@code <count>_status} column the disclosure component writes beside a count. */
    private boolean isStatusColumn(String column) {
      return column.endsWith(DisclosureSpec.STATUS_SUFFIX)
          && counts.contains(column.substring(0, column.length() - DisclosureSpec.STATUS_SUFFIX.length()));
    }

    private boolean isMemberOfAnySum(List<Differencing.Sum> sums, int cell) {
      for (Differencing.Sum sum : sums) {
        for (int member : sum.members()) {
          if (member == cell) {
            return true;
          }
        }
      }
      return false;
    }

    private void note(String rule, String column, OutputCsv.Row row, String message) {
      String key = rule + '\u0000' + column;
      rowsByColumnAndRule.computeIfAbsent(key, k -> new ArrayList<>()).add(row.number());
      messages.putIfAbsent(key, message);
    }

    /** One finding per row for the first few rows of a column and rule, then one for the rest. */
    private void flush() {
      rowsByColumnAndRule.forEach((key, rowNumbers) -> {
        String rule = key.substring(0, key.indexOf('\u0000'));
        String column = key.substring(key.indexOf('\u0000') + 1);
        String message = messages.get(key);
        for (int i = 0; i < Math.min(ROWS_NAMED, rowNumbers.size()); i++) {
          findings.add(new Finding(rule, file, rowNumbers.get(i), column, message));
        }
        if (rowNumbers.size() > ROWS_NAMED) {
          findings.add(new Finding(rule, file, 0, column, "and " + (rowNumbers.size() - ROWS_NAMED) + " more rows: " + message));
        }
      });
    }
  }

  /** Lower case, every run of characters other than letters and digits as one '_'. */
  static String normalisedName(String column) {
    return column.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
  }

  @SafeVarargs
  private static List<String> concat(java.util.Collection<String>... parts) {
    List<String> all = new ArrayList<>();
    for (java.util.Collection<String> part : parts) {
      all.addAll(part);
    }
    return all;
  }
}
