package org.carelake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.carelake.identity.NhsNumber;
import org.carelake.ingest.IngestSchemas;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.LakeTables;
import org.carelake.lake.TableRef;
import org.carelake.lake.Zone;
import org.carelake.nightly.SmallNight;
import org.carelake.pseudonym.PersonKeys;
import org.carelake.pseudonym.PseudonymKey;
import org.carelake.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A subject access request exports exactly one person's records: after a small real night, the
 * export for a person's NHS number holds every row the generator's ground truth says is theirs
 * (raw rows by feed, borough and row; their GP events in silver by record key, derived here
 * independently), no other person's rows or number, and quarantined rows carrying the number.
 * The request is audited without the number.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubjectAccessIT {
  static final LocalDate NIGHT = SmallNight.NIGHT;

  Path work;
  PseudonymKey key;
  Path keyFile;
  DeltaIo io;
  Lake lake;
  /** feed, borough, file, row → synthetic person, for rows without defects or identifier errors. */
  Map<String, List<String[]>> truthByPerson = new HashMap<>();
  Set<String> personsWithDefects = new HashSet<>();

  @BeforeAll
  void smallNight() throws IOException {
    SmallNight.Copy night = SmallNight.copy("carelake-subject-access-it");
    work = night.work();
    key = night.key();
    keyFile = night.keyFile();
    io = new DeltaIo(TestSpark.session());
    lake = night.lake();
    List<String> truth = Files.readAllLines(work.resolve("truth").resolve(NIGHT.toString()).resolve("ground_truth.csv"));
    for (String line : truth.subList(1, truth.size())) {
      String[] f = line.split(",", -1);
      // feed_id,borough_code,file,row_number,source_record_id,person_id,defect,expected_rule,identity_error,duplicate_of
      if (!f[6].isEmpty() || !f[8].isEmpty()) {
        personsWithDefects.add(f[5]);
      }
      truthByPerson.computeIfAbsent(f[5], p -> new ArrayList<>()).add(f);
    }
  }

  @Test
  void theExportHoldsExactlyThatPersonsRecords() throws IOException {
    Map<String, String> numberByRow = rawNumbers();
    // A person whose rows carry no defect or identifier error, with the most rows, and a second such person.
    List<String> clean = truthByPerson.keySet().stream().filter(p -> !personsWithDefects.contains(p))
        .sorted((a, b) -> Integer.compare(truthByPerson.get(b).size(), truthByPerson.get(a).size())).toList();
    // ... whose number no other person's row carries (an identifier error can put one person's number on another's record).
    Map<String, Long> rowsByNumber = numberByRow.values().stream().collect(Collectors.groupingBy(n -> n, Collectors.counting()));
    List<String> unique = clean.stream().filter(p -> rowsByNumber.get(numberOf(p, numberByRow)) == truthByPerson.get(p).stream()
        .filter(f -> numberByRow.containsKey(rowId(f[0], f[1], f[2], f[3]))).count()).toList();
    String person = unique.get(0);
    String other = unique.get(1);
    String number = numberOf(person, numberByRow);
    String otherNumber = numberOf(other, numberByRow);
    assertThat(number).isNotEqualTo(otherNumber);

    Path out = work.resolve("export.json");
    String printed = run("subject-access", "--nhs-number", number.substring(0, 3) + " " + number.substring(3, 6) + " " + number.substring(6),
        "--out", out.toString(), "--reference", "sar-it-1");
    String text = Files.readString(out);
    JsonNode export = new ObjectMapper().readTree(text);
    Map<String, List<JsonNode>> sections = new HashMap<>();
    export.get("sections").forEach(s -> {
      List<JsonNode> rows = new ArrayList<>();
      s.get("rows").forEach(rows::add);
      sections.put(s.get("table").asText(), rows);
    });

    Set<String> expectedRaw = truthByPerson.get(person).stream().map(f -> rowId(f[0], f[1], f[2], f[3])).collect(Collectors.toCollection(TreeSet::new));
    Set<String> exportedRaw = new TreeSet<>();
    sections.forEach((table, rows) -> {
      if (table.startsWith("restricted.raw_")) {
        rows.forEach(r -> exportedRaw.add(rowId(r.get(IngestSchemas.FEED).asText(), r.get(IngestSchemas.BOROUGH).asText(),
            r.get(IngestSchemas.SOURCE_FILE).asText(), r.get(IngestSchemas.SOURCE_ROW).asText())));
      }
    });
    assertThat(exportedRaw).as("raw rows exported").isEqualTo(expectedRaw);

    // The person's GP events in silver, by record keys derived here from the ground truth.
    PersonKeys keys = new PersonKeys(key);
    Set<String> expectedEvents = truthByPerson.get(person).stream().filter(f -> f[0].matches("gp_.*_events"))
        .map(f -> keys.recordKey(f[0], f[1], f[4])).collect(Collectors.toCollection(TreeSet::new));
    Set<String> exportedEvents = sections.getOrDefault("silver.gp_event", List.of()).stream().map(r -> r.get("event_key").asText())
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(exportedEvents).as("silver GP events exported").isEqualTo(expectedEvents);
    assertThat(sections.get("silver.person")).as("one silver person row").hasSize(1);
    assertThat(sections.get("restricted.identity")).anySatisfy(r -> assertThat(r.get("nhs_number").asText()).isEqualTo(number))
        .allSatisfy(r -> assertThat(r.path("nhs_number").asText(number)).isEqualTo(number));
    assertThat(sections.get("restricted.person_link")).isNotEmpty();

    assertThat(text).as("no other person's number").doesNotContain(otherNumber);
    Set<String> otherRows = truthByPerson.get(other).stream().map(f -> rowId(f[0], f[1], f[2], f[3])).collect(Collectors.toSet());
    assertThat(exportedRaw).doesNotContainAnyElementsOf(otherRows);

    // Audited, allowed, with the rows returned; the number is nowhere in the audit trail or the output.
    List<Row> audit = io.read(lake.table(Zone.OPS, "audit")).where("action = 'subject access' AND target LIKE '%sar-it-1%'").collectAsList();
    assertThat(audit).hasSize(1);
    assertThat(audit.get(0).<String>getAs("outcome")).isEqualTo("ALLOWED");
    assertThat(audit.get(0).<String>getAs("target")).contains("sar-it-1");
    assertThat(audit.get(0).<Long>getAs("rows_returned")).isGreaterThanOrEqualTo(expectedRaw.size());
    assertThat(io.read(lake.table(Zone.OPS, "audit")).toJSON().collectAsList().toString()).doesNotContain(number);
    assertThat(printed).doesNotContain(number);
  }

  @Test
  void quarantinedRowsCarryingTheNumberAreExported() throws IOException {
    // A quarantined row whose text carries a valid number (it failed its contract for another reason).
    Optional<String> carried = io.read(lake.quarantine()).select(IngestSchemas.RAW).collectAsList().stream()
        .map(r -> r.getString(0)).flatMap(t -> java.util.Arrays.stream(t.split("[^0-9 ]")))
        .map(NhsNumber::normalise).filter(s -> s.matches("999[0-9]{7}") && NhsNumber.isValid(s)).findFirst();
    assertThat(carried).as("the night quarantined a row carrying a valid NHS number").isPresent();
    Path out = work.resolve("export-quarantine.json");
    run("subject-access", "--nhs-number", carried.get(), "--out", out.toString());
    JsonNode export = new ObjectMapper().readTree(Files.readString(out));
    List<String> quarantined = new ArrayList<>();
    export.get("sections").forEach(s -> {
      if (s.get("table").asText().equals("restricted.quarantine")) {
        s.get("rows").forEach(r -> quarantined.add(r.get(IngestSchemas.RAW).asText()));
      }
    });
    assertThat(quarantined).isNotEmpty().allSatisfy(raw -> assertThat(raw.replaceAll("[ -]", "")).contains(carried.get()));
  }

  private String run(String... arguments) {
    List<String> all = new ArrayList<>(List.of(arguments));
    all.addAll(List.of("--lake", work.resolve("lake").toString(), "--key-file", keyFile.toString(),
        "--sql", "../../sql", "--contracts", "../../data-contracts"));
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    int status;
    try {
      status = CareLakeCli.execute(all.toArray(new String[0]));
    } finally {
      System.setOut(original);
    }
    assertThat(status).isZero();
    return captured.toString(StandardCharsets.UTF_8);
  }

  /** The NHS number each raw row carries, by feed, borough, file and row. */
  private Map<String, String> rawNumbers() {
    Map<String, String> numbers = new HashMap<>();
    for (TableRef table : LakeTables.inZone(io, lake, Zone.RESTRICTED)) {
      if (!table.name().startsWith("raw_")) {
        continue;
      }
      var rows = io.read(table);
      if (!List.of(rows.columns()).contains("nhs_number")) {
        continue;
      }
      for (Row r : rows.select(IngestSchemas.FEED, IngestSchemas.BOROUGH, IngestSchemas.SOURCE_FILE, IngestSchemas.SOURCE_ROW, "nhs_number")
          .collectAsList()) {
        if (!r.isNullAt(4)) {
          numbers.put(rowId(r.getString(0), r.getString(1), r.getString(2), Long.toString(r.getLong(3))), NhsNumber.normalise(r.getString(4)));
        }
      }
    }
    return numbers;
  }

  private String numberOf(String person, Map<String, String> numberByRow) {
    Set<String> numbers = truthByPerson.get(person).stream().map(f -> numberByRow.get(rowId(f[0], f[1], f[2], f[3])))
        .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
    assertThat(numbers).as("a clean person's rows carry one number").hasSize(1);
    return numbers.iterator().next();
  }

  private static String rowId(String feed, String borough, String file, String row) {
    String name = file.substring(file.lastIndexOf('/') + 1);
    return feed + "|" + borough + "|" + name + "|" + row;
  }
}
