package org.carelake.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.spark.sql.functions.col;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Encoders;
import org.carelake.contract.Contract;
import org.carelake.contract.ContractLoader;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus (issue 10): files a source could send, each kind once, for three feeds with
 * different layouts (acute admissions, EMIS GP patients, community contacts), landed together and
 * run through the real ingest stage once. For every file:
 *
 * <ul>
 *   <li>it reconciles: rows read = rows loaded + rows quarantined;
 *   <li>rows read equals the records in the file as this test counts them itself, from its line
 *       breaks (one record per line after the header, except where a case says a quoted field
 *       legitimately spans lines) — never the parser's opinion of them;
 *   <li>the outcome is the expected one: status, rows loaded, and rows quarantined under each rule.
 * </ul>
 *
 * Then the tables agree with the ledger, and the values a tolerant reader normalises are loaded
 * normalised. Every identifier is a synthetic 999 number from the contracts' own examples.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCorpusIT {
  static final LocalDate NIGHT = LocalDate.parse("2026-11-24");
  static final String BOROUGH = "E08000007";
  static final String ACUTE = "acute_apc";
  static final String GP = "gp_emis_patients";
  static final String COMMUNITY = "community_contacts";
  static final String LF = "\n";

  /**
   * What ingest must make of one file; {@code records} is the test's own count of its data records;
   * {@code byRule} null when a row breaks several rules and only the count matters.
   */
  record Expect(FileOutcome.Status status, long records, long loaded, Map<String, Long> byRule) {}

  record Case(String kind, String feed, byte[] content, Expect expect) {}

  final List<Case> corpus = new ArrayList<>();
  Map<String, FileOutcome> outcomes;
  DeltaIo io;
  Lake lake;

  @BeforeAll
  void ingestTheCorpus(@TempDir Path work) throws IOException {
    List<Contract> contracts = ContractLoader.loadAll(Path.of("../../data-contracts"));
    Map<String, List<String>> examples = new LinkedHashMap<>();
    for (String feed : List.of(ACUTE, GP, COMMUNITY)) {
      Contract contract = contracts.stream().filter(c -> c.id().equals(feed)).findFirst().orElseThrow();
      examples.put(feed, Files.readAllLines(Path.of(contract.origin()).getParent().resolve("examples").resolve(feed).resolve("valid.csv")));
    }
    addAcuteCases(examples.get(ACUTE));
    addGpCases(examples.get(GP));
    addCommunityCases(examples.get(COMMUNITY));

    Path borough = work.resolve("landing").resolve(NIGHT.toString()).resolve(BOROUGH);
    Files.createDirectories(borough);
    for (Case c : corpus) {
      Files.write(borough.resolve(c.feed() + "__" + c.kind() + ".csv"), c.content());
    }
    io = new DeltaIo(TestSpark.session());
    lake = new Lake(work.resolve("lake").toString());
    IngestResult result = new IngestStage(io, lake,
        new LandingZone(work.resolve("landing").toString(), TestSpark.session().sparkContext().hadoopConfiguration()),
        contracts, NIGHT, "corpus-run", Instant.parse("2026-11-25T02:00:00Z"), Optional.empty(), Optional.empty()).run();
    outcomes = result.files().stream().collect(Collectors.toMap(FileOutcome::fileName, Function.identity()));
  }

  @TestFactory
  List<DynamicTest> everyFileReconcilesWithItsOwnRecordsAndMeetsItsExpectation() {
    return corpus.stream().map(c -> DynamicTest.dynamicTest(c.feed() + " " + c.kind(), () -> {
      FileOutcome file = outcomes.get(c.feed() + "__" + c.kind() + ".csv");
      assertThat(file).as("ledger row").isNotNull();
      assertThat(file.status()).as("status").isEqualTo(c.expect().status());
      assertThat(file.reconciles()).as("read = loaded + quarantined").isTrue();
      assertThat(file.rowsRead()).as("rows read = the file's records").isEqualTo(c.expect().records());
      assertThat(file.rowsLoaded()).as("rows loaded").isEqualTo(c.expect().loaded());
      if (c.expect().byRule() != null) {
        assertThat(file.quarantinedByRule()).as("rows quarantined by rule").isEqualTo(c.expect().byRule());
      } else {
        assertThat(file.quarantinedByRule()).as("rows quarantined, each under some rule").isNotEmpty();
      }
    })).toList();
  }

  @Test
  void theTablesHoldWhatTheLedgerSays() {
    for (String feed : List.of(ACUTE, GP, COMMUNITY)) {
      long loaded = outcomes.values().stream().filter(f -> f.feed().equals(feed)).mapToLong(FileOutcome::rowsLoaded).sum();
      assertThat(io.read(lake.raw(feed)).count()).as(feed).isEqualTo(loaded);
    }
    long quarantined = outcomes.values().stream().mapToLong(FileOutcome::rowsQuarantined).sum();
    assertThat(io.read(lake.quarantine()).count()).isEqualTo(quarantined);
    // A broken quote's line is quarantined exactly as it was sent, one line, not the rest of the file.
    List<String> raw = io.read(lake.quarantine()).filter(col("_source_file").equalTo(ACUTE + "__quote-unclosed-mid-file.csv"))
        .select("_raw").as(Encoders.STRING()).collectAsList();
    assertThat(raw).hasSize(1);
    assertThat(raw.get(0)).doesNotContain("\n").contains("\"S72.0");
  }

  @Test
  void normalisedValuesLoadNormalised() {
    List<String> numbers = io.read(lake.raw(ACUTE)).filter(col("_source_file").equalTo(ACUTE + "__nhs-number-spaced.csv"))
        .select("nhs_number").as(Encoders.STRING()).collectAsList();
    assertThat(numbers).hasSize(5).allMatch(n -> n.matches("999[0-9]{7}"));
    List<String> postcodes = io.read(lake.raw(COMMUNITY)).filter(col("_source_file").equalTo(COMMUNITY + "__postcode-lower-case.csv"))
        .select("postcode").as(Encoders.STRING()).collectAsList();
    assertThat(postcodes).hasSize(5).contains("BL1 4QT", "M14 5RS");
    List<String> addresses = io.read(lake.raw(GP)).filter(col("_source_file").equalTo(GP + "__injection-text.csv"))
        .select("address_line").as(Encoders.STRING()).collectAsList();
    assertThat(addresses).as("text that looks like SQL is data, loaded as sent").contains(INJECTION);
    List<String> multiLine = io.read(lake.raw(GP)).filter(col("_source_file").equalTo(GP + "__quoted-line-break.csv"))
        .select("address_line").as(Encoders.STRING()).collectAsList();
    assertThat(multiLine).contains("Flat 5\nTest Court");
  }

  static final String INJECTION = "1 Example Street'); DROP TABLE raw_gp_emis_patients;--";

  // ---- the corpus ------------------------------------------------------------------------------

  void addAcuteCases(List<String> valid) {
    String header = valid.get(0);
    List<String> rows = valid.subList(1, valid.size());
    int n = rows.size();
    loaded("valid", ACUTE, text(header, rows, LF));
    loaded("crlf-line-ends", ACUTE, text(header, rows, "\r\n"));
    loaded("cr-line-ends", ACUTE, text(header, rows, "\r"));
    loaded("byte-order-mark", ACUTE, bytes("\uFEFF" + text(header, rows, LF)));
    loaded("columns-reordered", ACUTE, text(swapColumns(header, 0, 4), rows.stream().map(r -> swapColumns(r, 0, 4)).toList(), LF));
    loaded("header-lower-case", ACUTE, text(header.toLowerCase(java.util.Locale.ROOT), rows, LF));
    loaded("header-only", ACUTE, text(header, List.of(), LF));
    loaded("nhs-number-spaced", ACUTE, text(header, rows.stream().map(r -> withField(r, 1, spaced(field(r, 1)))).toList(), LF));
    loaded("values-padded-with-spaces", ACUTE, text(header, rows.stream().map(r -> withField(r, 3, "  " + field(r, 3) + " ")).toList(), LF));
    loaded("every-field-quoted", ACUTE, text(header, rows.stream().map(BadInputCorpusIT::quoteAll).toList(), LF));
    add("missing-required-column", ACUTE, text(dropColumn(header, 0), rows.stream().map(r -> dropColumn(r, 0)).toList(), LF),
        FileOutcome.Status.REJECTED, 0, Map.of("file.header", (long) n));
    add("unknown-extra-column", ACUTE, text(header + ",WARD", rows.stream().map(r -> r + ",W1").toList(), LF),
        FileOutcome.Status.REJECTED, 0, Map.of("file.header", (long) n));
    add("semicolon-delimited", ACUTE, text(header.replace(',', ';'), rows.stream().map(r -> r.replace(',', ';')).toList(), LF),
        FileOutcome.Status.REJECTED, 0, Map.of("file.header", (long) n));
    add("tab-delimited", ACUTE, text(header.replace(',', '\t'), rows.stream().map(r -> r.replace(',', '\t')).toList(), LF),
        FileOutcome.Status.REJECTED, 0, Map.of("file.header", (long) n));
    add("windows-1252-byte", ACUTE, bytes(text(header, replace(rows, 0, r -> withField(r, 4, "BL1 4QT\u00e9")), LF), Charset.forName("windows-1252")),
        FileOutcome.Status.REJECTED, 0, Map.of("file.encoding", (long) n));
    add("utf-16", ACUTE, text(header, rows, LF).getBytes(StandardCharsets.UTF_16),
        FileOutcome.Status.REJECTED, 0, Map.of("file.encoding", (long) n));
    add("truncated-mid-row", ACUTE, bytes(text(header, rows, LF).substring(0, text(header, rows, LF).length() - 12)),
        FileOutcome.Status.LOADED, n - 1, Map.of("file.truncated", 1L));
    add("quote-unclosed-mid-file", ACUTE, text(header, replace(rows, 1, r -> withField(r, 8, "\"" + field(r, 8))), LF),
        FileOutcome.Status.LOADED, n - 1, Map.of("row.unbalanced-quote", 1L));
    add("quote-unclosed-last-row", ACUTE, text(header, replace(rows, n - 1, r -> withField(r, 8, "\"" + field(r, 8))), LF),
        FileOutcome.Status.LOADED, n - 1, Map.of("row.unbalanced-quote", 1L));
    add("quotes-unclosed-twice", ACUTE,
        text(header, replace(replace(rows, 0, r -> withField(r, 0, "\"" + field(r, 0))), 2, r -> withField(r, 8, "\"" + field(r, 8))), LF),
        FileOutcome.Status.LOADED, n - 2, Map.of("row.unbalanced-quote", 2L));
    add("nul-byte-in-field", ACUTE, text(header, replace(rows, 0, r -> withField(r, 8, "I1\u00000")), LF),
        FileOutcome.Status.LOADED, n - 1, Map.of("primary_diagnosis.control-character", 1L));
    add("blank-line-between-rows", ACUTE, text(header, insert(rows, 2, ""), LF),
        FileOutcome.Status.LOADED, n, Map.of("row.column-count", 1L));
    add("trailing-delimiter", ACUTE, text(header, replace(rows, 0, r -> r + ","), LF),
        FileOutcome.Status.LOADED, n - 1, Map.of("row.column-count", 1L));
    add("short-row", ACUTE, text(header, replace(rows, 0, r -> dropColumn(r, 10)), LF),
        FileOutcome.Status.LOADED, n - 1, Map.of("row.column-count", 1L));
    add("born-1880", ACUTE, text(header, replace(rows, 0, r -> withField(r, 2, "1880-03-14")), LF),
        FileOutcome.Status.LOADED, n - 1, Map.of("date_of_birth.plausible-age", 1L));
    add("admitted-2099", ACUTE, text(header, replace(rows, 0, r -> withField(r, 5, "2099-09-01")), LF),
        FileOutcome.Status.LOADED, n - 1, Map.of("admission_date.not-in-future", 1L));
    add("impossible-date", ACUTE, text(header, replace(rows, 0, r -> withField(r, 5, "2025-02-30")), LF),
        FileOutcome.Status.LOADED, n - 1, Map.of("admission_date.format", 1L));
    add("date-in-another-format", ACUTE, text(header, replace(rows, 0, r -> withField(r, 5, "01/09/2025")), LF),
        FileOutcome.Status.LOADED, n - 1, Map.of("admission_date.format", 1L));
    add("not-an-icd10-code", ACUTE, text(header, replace(rows, 0, r -> withField(r, 8, "XYZ")), LF),
        FileOutcome.Status.LOADED, n - 1, Map.of("primary_diagnosis.icd10-code", 1L));
    // A placeholder number breaks the nhs-number rule; the contract makes it a warning, so the row
    // loads and linkage never uses the number.
    loaded("nhs-number-all-zeros", ACUTE, text(header, replace(rows, 0, r -> withField(r, 1, "0000000000")), LF));
    add("header-repeated-mid-file", ACUTE, text(header, insert(rows, 3, header), LF),
        FileOutcome.Status.LOADED, n, null);
  }

  void addGpCases(List<String> valid) {
    String header = valid.get(0);
    // The fifth example row quotes an address with a comma in it; rows are edited by field on the first four.
    List<String> rows = valid.subList(1, valid.size());
    int n = rows.size();
    loaded("valid", GP, text(header, rows, LF));
    loaded("injection-text", GP, text(header, replace(rows, 0, r -> withField(r, 7, "\"" + INJECTION + "\"")), LF));
    loaded("formula-text", GP, text(header, replace(rows, 1, r -> withField(r, 2, "=HYPERLINK(\"\"x\"\")")), LF));
    loaded("unicode-names", GP, text(header, replace(replace(rows, 0, r -> withField(r, 2, "Zoë")), 1, r -> withField(r, 3, "Łukasiewicz-O'Brien")), LF));
    loaded("escaped-quotes", GP, text(header, replace(rows, 2, r -> withField(r, 3, "\"O\"\"Brien\"")), LF));
    loaded("stray-quote-inside-field", GP, text(header, replace(rows, 2, r -> withField(r, 3, "O\"Brien")), LF));
    String multiLine = text(header, replace(rows, 0, r -> withField(r, 7, "\"Flat 5\nTest Court\"")), LF);
    add("quoted-line-break", GP, bytes(multiLine), FileOutcome.Status.LOADED, n, Map.of(), n);
    add("name-too-long", GP, text(header, replace(rows, 0, r -> withField(r, 2, "A".repeat(5000))), LF),
        FileOutcome.Status.LOADED, n - 1, Map.of("given_name.max-length", 1L));
    add("unknown-sex-code", GP, text(header, replace(rows, 0, r -> withField(r, 5, "X")), LF),
        FileOutcome.Status.LOADED, n - 1, Map.of("sex.valid-values", 1L));
    add("extra-field-in-a-row", GP, text(header, replace(rows, 1, r -> r + ",surplus"), LF),
        FileOutcome.Status.LOADED, n - 1, Map.of("row.column-count", 1L));
    add("bell-character", GP, text(header, replace(rows, 3, r -> withField(r, 3, "Synth\u0007etic")), LF),
        FileOutcome.Status.LOADED, n - 1, Map.of("family_name.control-character", 1L));
    add("bad-patient-guid", GP, text(header, replace(rows, 0, r -> withField(r, 0, "not-a-guid")), LF),
        FileOutcome.Status.LOADED, n - 1, Map.of("patient_id.pattern", 1L));
    add("quote-unclosed-in-free-text", GP, text(header, replace(rows, 1, r -> withField(r, 7, "\"22 Sample Road")), LF),
        FileOutcome.Status.LOADED, n - 1, Map.of("row.unbalanced-quote", 1L));
  }

  void addCommunityCases(List<String> valid) {
    String header = valid.get(0);
    List<String> rows = valid.subList(1, valid.size());
    int n = rows.size();
    loaded("valid", COMMUNITY, text(header, rows, LF));
    loaded("postcode-lower-case", COMMUNITY, text(header, rows.stream().map(r -> withField(r, 4, field(r, 4).toLowerCase(java.util.Locale.ROOT).replace(" ", ""))).toList(), LF));
    loaded("header-spaced", COMMUNITY, text(String.join(", ", header.split(",")), rows, LF));
    loaded("identical-rows-twice", COMMUNITY, text(header, insert(rows, n, rows.get(0)), LF));
    add("empty", COMMUNITY, new byte[0], FileOutcome.Status.REJECTED, 0, Map.of());
    add("only-a-byte-order-mark", COMMUNITY, bytes("\uFEFF"), FileOutcome.Status.REJECTED, 0, Map.of());
    add("no-header", COMMUNITY, text(rows.get(0), rows.subList(1, n), LF),
        FileOutcome.Status.REJECTED, 0, Map.of("file.header", (long) n - 1));
    add("whitespace-only-line", COMMUNITY, text(header, insert(rows, 1, "   "), LF),
        FileOutcome.Status.LOADED, n, Map.of("row.column-count", 1L));
    add("thousands-separator", COMMUNITY, text(header, replace(rows, 0, r -> withField(r, 7, "1,234")), LF),
        FileOutcome.Status.LOADED, n - 1, Map.of("row.column-count", 1L));
    add("contact-before-birth", COMMUNITY, text(header, replace(rows, 0, r -> withField(r, 5, "01/01/1949")), LF),
        FileOutcome.Status.LOADED, n - 1, Map.of("contact_date.not-before", 1L));
    add("sex-as-word", COMMUNITY, text(header, replace(rows, 0, r -> withField(r, 3, "female")), LF),
        FileOutcome.Status.LOADED, n - 1, Map.of("sex.valid-values", 1L));
    add("gigantic-line", COMMUNITY, text(header, replace(rows, 0, r -> withField(r, 6, "x".repeat(200_000))), LF),
        FileOutcome.Status.LOADED, n - 1, null);
  }

  // ---- building the files ----------------------------------------------------------------------

  void loaded(String kind, String feed, byte[] content) {
    long records = records(content);
    add(kind, feed, content, FileOutcome.Status.LOADED, records, Map.of(), records);
  }

  void loaded(String kind, String feed, String content) {
    loaded(kind, feed, bytes(content));
  }

  void add(String kind, String feed, String content, FileOutcome.Status status, long loaded, Map<String, Long> byRule) {
    add(kind, feed, bytes(content), status, loaded, byRule);
  }

  void add(String kind, String feed, byte[] content, FileOutcome.Status status, long loaded, Map<String, Long> byRule) {
    add(kind, feed, content, status, loaded, byRule, records(content));
  }

  void add(String kind, String feed, byte[] content, FileOutcome.Status status, long loaded, Map<String, Long> byRule, long records) {
    corpus.add(new Case(kind, feed, content, new Expect(status, records, loaded, byRule)));
  }

  /**
   * The test's own count of a file's data records: its lines (LF, CR LF or a lone CR end one; a
   * last line without an ending still counts) less the header. Files whose quoted fields span
   * lines give their count explicitly.
   */
  static long records(byte[] content) {
    long lines = 0;
    for (int i = 0; i < content.length; i++) {
      if (content[i] == '\n' || (content[i] == '\r' && (i + 1 == content.length || content[i + 1] != '\n'))) {
        lines++;
      }
    }
    if (content.length > 0 && content[content.length - 1] != '\n' && content[content.length - 1] != '\r') {
      lines++;
    }
    return Math.max(0, lines - 1);
  }

  static String text(String header, List<String> rows, String lineEnd) {
    StringBuilder out = new StringBuilder(header).append(lineEnd);
    rows.forEach(row -> out.append(row).append(lineEnd));
    return out.toString();
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] bytes(String text, Charset charset) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(text.getBytes(charset));
    return out.toByteArray();
  }

  /** A row's fields split on commas; only used on rows without quoted fields. */
  static List<String> fields(String row) {
    return new ArrayList<>(Arrays.asList(row.split(",", -1)));
  }

  static String field(String row, int index) {
    return fields(row).get(index);
  }

  static String withField(String row, int index, String value) {
    List<String> fields = fields(row);
    fields.set(index, value);
    return String.join(",", fields);
  }

  static String dropColumn(String row, int index) {
    List<String> fields = fields(row);
    fields.remove(index);
    return String.join(",", fields);
  }

  static String swapColumns(String row, int a, int b) {
    List<String> fields = fields(row);
    String first = fields.get(a);
    fields.set(a, fields.get(b));
    fields.set(b, first);
    return String.join(",", fields);
  }

  static String quoteAll(String row) {
    return fields(row).stream().map(f -> "\"" + f + "\"").collect(Collectors.joining(","));
  }

  static String spaced(String number) {
    return number.substring(0, 3) + " " + number.substring(3, 6) + "-" + number.substring(6);
  }

  static List<String> replace(List<String> rows, int index, Function<String, String> edit) {
    List<String> out = new ArrayList<>(rows);
    out.set(index, edit.apply(rows.get(index)));
    return out;
  }

  static List<String> insert(List<String> rows, int index, String row) {
    List<String> out = new ArrayList<>(rows);
    out.add(index, row);
    return out;
  }
}
