package org.carelake.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.carelake.geography.Borough;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Identifier errors, hard cases and source ids, checked against the true persons: an initial night
 * of 20,000 persons with the test preset (3% of each identifier error), re-read independently.
 */
class IdentifierErrorsTest {
  private static final LocalDate NIGHT = LocalDate.of(2026, 11, 24);
  private static final long SEED = 5;
  private static final int PERSONS = 20_000;
  private static final Pattern POSTCODE = Pattern.compile("^[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}$");

  @TempDir static Path out;
  private static Manifest manifest;
  private static Population population;
  private static List<Row> rows;

  /** One data row as landed, joined to its ground-truth line. */
  record Row(Feed feed, String file, long number, List<String> fields, long person, String defect, String rule,
      String identityError, String duplicateOf) {
    String get(String column) {
      return fields.get(feed.column(column));
    }

    boolean resent() {
      return file.contains("__resent");
    }

    boolean copy() {
      return defect.equals(DefectKind.DUPLICATE_ROW.key()) || defect.equals(DefectKind.DUPLICATE_EVENT_NEW_ID.key());
    }

    /** A GP registration that ended: the practice before a move, which holds the address from then. */
    boolean endedRegistration() {
      return feed.isGpPatients() && !get("deregistration_date").isEmpty();
    }
  }

  @BeforeAll
  static void generate() throws IOException {
    GeneratorSettings settings = new GeneratorSettings(NIGHT, PERSONS, SEED, DefectRates.testPreset(), ExtractKind.INITIAL);
    manifest = new SyntheticLanding(settings).generate(out.resolve("landing"), out.resolve("truth"));
    population = new Population(SEED, PERSONS);
    rows = read(out.resolve("landing"), out.resolve("truth"), manifest);
  }

  static List<Row> read(Path landing, Path truth, Manifest manifest) throws IOException {
    Map<String, List<List<String>>> files = new HashMap<>();
    for (Manifest.FileEntry entry : manifest.files()) {
      byte[] bytes = Files.readAllBytes(landing.resolve(manifest.night()).resolve(entry.file()));
      Charset charset = entry.defect(DefectKind.NON_UTF8_FILE) > 0 ? Charset.forName("windows-1252") : StandardCharsets.UTF_8;
      files.put(entry.file(), TestCsv.parse(new String(bytes, charset)));
    }
    List<Row> out = new ArrayList<>();
    List<List<String>> truthRows = TestCsv.parse(Files.readString(truth.resolve(manifest.night()).resolve("ground_truth.csv")));
    assertThat(String.join(",", truthRows.get(0))).isEqualTo(GroundTruth.HEADER);
    for (List<String> t : truthRows.subList(1, truthRows.size())) {
      long number = Long.parseLong(t.get(3));
      Feed feed = Feed.valueOf(t.get(0).toUpperCase());
      out.add(new Row(feed, t.get(2), number, files.get(t.get(2)).get((int) number), Long.parseLong(t.get(5)), t.get(6), t.get(7),
          t.get(8), t.get(9)));
    }
    return out;
  }

  @Test
  void manifestCountsEqualGroundTruthCountsForEveryRowLevelKindInEveryFile() {
    Map<String, Map<String, Long>> byFile = new HashMap<>();
    for (Row row : rows) {
      Map<String, Long> counts = byFile.computeIfAbsent(row.file(), k -> new HashMap<>());
      counts.merge(row.defect(), 1L, Long::sum);
      counts.merge(row.identityError(), 1L, Long::sum);
    }
    for (Manifest.FileEntry entry : manifest.files()) {
      for (DefectKind kind : DefectKind.values()) {
        if (kind.isRowLevel()) {
          assertThat(byFile.getOrDefault(entry.file(), Map.of()).getOrDefault(kind.key(), 0L)).as("%s in %s", kind.key(), entry.file())
              .isEqualTo(entry.defect(kind));
        }
      }
    }
    for (DefectKind kind : DefectKind.values()) {
      if (kind.isIdentifierError()) {
        assertThat(manifest.total(kind)).as(kind.key()).isPositive();
      }
    }
  }

  @Test
  void identifiersAreTheTruePersonsExceptWhereTheRowSaysOtherwise() {
    Map<DefectKind, Integer> checked = new EnumMap<>(DefectKind.class);
    for (Row row : rows) {
      if (!row.feed().isIdentityBearing() || row.defect().equals(DefectKind.TRUNCATED_ROW.key())) {
        assertThat(row.identityError()).isEmpty();
        continue;
      }
      Person p = population.person(row.person());
      Map<String, String> expected = expectedIdentifiers(row, p);
      Map<String, String> actual = new HashMap<>();
      expected.keySet().forEach(column -> actual.put(column, row.get(column)));
      if (row.defect().equals(DefectKind.MISSING_NHS_NUMBER.key())) {
        assertThat(actual.get("nhs_number")).isEmpty();
        actual.put("nhs_number", expected.get("nhs_number"));
      } else if (row.defect().equals(DefectKind.INVALID_NHS_NUMBER.key())) {
        assertThat(actual.get("nhs_number")).isEqualTo(NhsNumbers.withWrongCheckDigit(expected.get("nhs_number")));
        actual.put("nhs_number", expected.get("nhs_number"));
      }
      if (row.file().endsWith("E08000009/gp_tpp_patients.csv")) { // the windows-1252 file: what that encoding keeps
        Charset windows1252 = Charset.forName("windows-1252");
        expected.replaceAll((column, value) -> new String(value.getBytes(windows1252), windows1252));
        if (row.number() == 1) {
          actual.put("given_name", expected.get("given_name")); // the forced non-UTF-8 name
        }
      }
      Set<String> differing = new HashSet<>();
      expected.forEach((column, value) -> {
        if (!value.equals(actual.get(column))) {
          differing.add(column);
        }
      });
      String where = row.file() + " row " + row.number();
      if (row.identityError().isEmpty()) {
        assertThat(differing).as("%s carries the true identifiers", where).isEmpty();
        continue;
      }
      DefectKind kind = DefectKind.valueOf(row.identityError().toUpperCase());
      checked.merge(kind, 1, Integer::sum);
      switch (kind) {
        case NAME_TYPO -> {
          assertThat(differing).as(where).hasSize(1).isSubsetOf("given_name", "family_name");
          String column = differing.iterator().next();
          // a slip at the front keeps the capital in front, so compare without case
          assertThat(damerau(actual.get(column).toLowerCase(), expected.get(column).toLowerCase())).as(where).isEqualTo(1);
        }
        case NAME_PHONETIC -> {
          assertThat(differing).as(where).hasSize(1).isSubsetOf("given_name", "family_name");
          String column = differing.iterator().next();
          assertThat(Names.soundsAlike(expected.get(column))).as(where).contains(actual.get(column));
        }
        case NICKNAME -> {
          assertThat(differing).as(where).containsExactly("given_name");
          assertThat(Names.nicknames(p.givenName)).as(where).contains(actual.get("given_name"));
        }
        case NAME_SWAP -> {
          assertThat(actual.get("given_name")).as(where).isEqualTo(p.familyName);
          assertThat(actual.get("family_name")).as(where).isEqualTo(p.givenName);
          assertThat(differing).as(where).isSubsetOf("given_name", "family_name");
        }
        case SURNAME_CHANGE -> {
          assertThat(differing).as(where).containsExactly("family_name");
          assertThat(actual.get("family_name")).as(where).isEqualTo(p.formerFamilyName);
        }
        case DOB_DAY_MONTH_SWAP, DOB_DEFAULTED, DOB_DIGIT_TYPO -> {
          assertThat(differing).as(where).containsExactly("date_of_birth");
          LocalDate written = row.feed().dateText().parseDate(actual.get("date_of_birth"));
          LocalDate born = p.dateOfBirth;
          switch (kind) {
            case DOB_DAY_MONTH_SWAP -> assertThat(written).as(where)
                .isEqualTo(LocalDate.of(born.getYear(), born.getDayOfMonth(), born.getMonthValue()));
            case DOB_DEFAULTED -> assertThat(written).as(where).isEqualTo(LocalDate.of(born.getYear(), 1, 1));
            default -> assertThat(differentCharacters(DateText.COMPACT_DATE.format(written), DateText.COMPACT_DATE.format(born)))
                .as(where).isEqualTo(1);
          }
        }
        case POSTCODE_TYPO -> {
          assertThat(differing).as(where).containsExactly("postcode");
          assertThat(actual.get("postcode")).as(where).matches(POSTCODE);
          assertThat(differentCharacters(actual.get("postcode"), expected.get("postcode"))).as(where).isEqualTo(1);
        }
        case OLD_ADDRESS -> {
          assertThat(actual.get("postcode")).as(where).isEqualTo(p.previousArea.postcode()).isNotEqualTo(p.area.postcode());
          if (row.feed().has("address_line")) {
            assertThat(actual.get("address_line")).as(where).isEqualTo(p.previousAddressLine());
          }
          assertThat(differing).as(where).isSubsetOf("postcode", "address_line");
        }
        case MISSING_OPTIONAL_FIELD -> {
          assertThat(differing).as(where).hasSize(1).isSubsetOf("address_line", "telephone");
          assertThat(actual.get(differing.iterator().next())).as(where).isEmpty();
        }
        case NHS_NUMBER_TRANSPOSED -> {
          assertThat(differing).as(where).containsExactly("nhs_number");
          String written = actual.get("nhs_number");
          assertThat(written).as(where).startsWith("999").hasSize(10);
          assertThat(isAdjacentTransposition(written, expected.get("nhs_number"))).as(where).isTrue();
        }
        case NHS_NUMBER_OF_ANOTHER_PERSON -> {
          assertThat(differing).as(where).containsExactly("nhs_number");
          assertThat(actual.get("nhs_number")).as(where).startsWith("999");
          assertThat(NhsNumbers.isValid(actual.get("nhs_number"))).as(where).isTrue();
          if (p.twin >= 0) {
            assertThat(actual.get("nhs_number")).as(where).isEqualTo(NhsNumbers.forPerson(p.twin));
          }
        }
        default -> throw new AssertionError("unexpected identifier error " + kind);
      }
    }
    for (DefectKind kind : DefectKind.values()) {
      if (kind.isIdentifierError()) {
        assertThat(checked.getOrDefault(kind, 0)).as(kind.key()).isGreaterThan(20);
      }
    }
  }

  @Test
  void eachIdentifierErrorAppearsAtItsRateAmongTheRowsItCanGoOn() {
    IdentifierErrorRates rates = DefectRates.testPreset().identifiers();
    Map<DefectKind, long[]> seen = new EnumMap<>(DefectKind.class); // eligible, with the error
    for (Row row : rows) {
      if (!row.feed().isIdentityBearing() || row.resent() || row.copy() || row.defect().equals(DefectKind.TRUNCATED_ROW.key())
          || (row.file().endsWith("E08000009/gp_tpp_patients.csv") && row.number() == 1)) {
        continue;
      }
      Person p = population.person(row.person());
      for (DefectKind kind : rates.asMap().keySet()) {
        if (eligible(kind, row, p)) {
          long[] counts = seen.computeIfAbsent(kind, k -> new long[2]);
          counts[0]++;
          counts[1] += row.identityError().equals(kind.key()) ? 1 : 0;
        }
      }
    }
    for (Map.Entry<DefectKind, Double> entry : rates.asMap().entrySet()) {
      long[] counts = seen.get(entry.getKey());
      double expected = counts[0] * entry.getValue();
      double sigma = Math.sqrt(expected * (1 - entry.getValue()));
      assertThat(counts[0]).as("rows eligible for %s", entry.getKey().key()).isGreaterThan(2_000);
      assertThat((double) counts[1]).as("%s on %d eligible rows", entry.getKey().key(), counts[0])
          .isBetween(expected - 4.5 * sigma - 2, expected + 4.5 * sigma + 2);
    }
  }

  @Test
  void defaultRatesPutSomeIdentifierErrorOnAboutOneIdentityRowInTen(@TempDir Path dir) throws IOException {
    Manifest night = new SyntheticLanding(new GeneratorSettings(NIGHT, 30_000, 3, DefectRates.defaults(), ExtractKind.INITIAL))
        .generate(dir.resolve("landing"), dir.resolve("truth"));
    long gp = 0;
    long gpWithError = 0;
    long care = 0;
    long careWithError = 0;
    for (Row row : read(dir.resolve("landing"), dir.resolve("truth"), night)) {
      if (row.resent() || !row.feed().isIdentityBearing()) {
        continue;
      }
      boolean error = !row.identityError().isEmpty();
      if (row.feed().isGpPatients()) {
        gp++;
        gpWithError += error ? 1 : 0;
      } else {
        care++;
        careWithError += error ? 1 : 0;
      }
    }
    assertThat((double) gpWithError / gp).as("GP registrations with an identifier error").isBetween(0.10, 0.14);
    assertThat((double) careWithError / care).as("care rows with an identifier error").isBetween(0.065, 0.115);
    assertThat((double) (gpWithError + careWithError) / (gp + care)).isBetween(0.08, 0.13);
  }

  @Test
  void twinsShareSurnameBirthdayAndAddressButNotNhsNumberOrGivenName() {
    int twins = 0;
    int pairs = 0;
    int sameSex = 0;
    for (long index = 0; index < PERSONS; index++) {
      long twin = population.twinOf(index);
      if (twin < 0) {
        continue;
      }
      twins++;
      assertThat(population.twinOf(twin)).isEqualTo(index);
      if (twin < index) {
        continue;
      }
      pairs++;
      Person a = population.person(index);
      Person b = population.person(twin);
      assertThat(b.familyName).isEqualTo(a.familyName);
      assertThat(b.dateOfBirth).isEqualTo(a.dateOfBirth);
      assertThat(b.area.postcode()).isEqualTo(a.area.postcode());
      assertThat(b.addressLine()).isEqualTo(a.addressLine());
      assertThat(b.home).isEqualTo(a.home);
      assertThat(b.previous).isEqualTo(a.previous);
      assertThat(b.practice).isEqualTo(a.practice);
      assertThat(b.givenName).isNotEqualTo(a.givenName);
      assertThat(b.nhsNumber()).isNotEqualTo(a.nhsNumber());
      sameSex += a.sex == b.sex ? 1 : 0;
    }
    assertThat((double) twins / PERSONS).isBetween(0.011, 0.019);
    assertThat((double) sameSex / pairs).isBetween(0.3, 0.7);

    // and in the files: the pair's registrations agree on surname, birthday and postcode only
    Map<Long, Row> registration = new HashMap<>();
    for (Row row : rows) {
      if (row.feed().isGpPatients() && !row.endedRegistration() && row.identityError().isEmpty() && row.defect().isEmpty()) {
        registration.put(row.person(), row);
      }
    }
    int compared = 0;
    for (Row a : registration.values()) {
      long twin = population.twinOf(a.person());
      Row b = registration.get(twin);
      if (twin < a.person() || b == null) {
        continue;
      }
      compared++;
      assertThat(b.get("family_name")).isEqualTo(a.get("family_name"));
      assertThat(b.feed().dateText().parseDate(b.get("date_of_birth"))).isEqualTo(a.feed().dateText().parseDate(a.get("date_of_birth")));
      assertThat(b.get("postcode")).isEqualTo(a.get("postcode"));
      assertThat(b.get("nhs_number")).isNotEqualTo(a.get("nhs_number"));
      assertThat(b.get("given_name")).isNotEqualTo(a.get("given_name"));
    }
    assertThat(compared).isGreaterThan(15);
  }

  @Test
  void namesakesShareNameAndBirthdayWithAnUnrelatedPersonInAnotherBorough() {
    int namesakes = 0;
    for (long index = 0; index < PERSONS; index++) {
      long source = population.namesakeOf(index);
      if (source < 0) {
        continue;
      }
      namesakes++;
      Person p = population.person(index);
      Person other = population.person(source);
      assertThat(p.namesakeOf).isEqualTo(source);
      assertThat(p.home).isNotEqualTo(other.home);
      assertThat(p.givenName).isEqualTo(other.givenName);
      assertThat(p.familyName).isEqualTo(other.familyName);
      assertThat(p.dateOfBirth).isEqualTo(other.dateOfBirth);
      assertThat(p.nhsNumber()).isNotEqualTo(other.nhsNumber());
      assertThat(population.namesakeOf(source)).isEqualTo(-1);
    }
    assertThat((double) namesakes / PERSONS).isBetween(0.001, 0.0035);
  }

  @Test
  void aboutFortyFivePercentOfWomenFromTwentyHaveAFormerSurname() {
    int women = 0;
    int changed = 0;
    for (long index = 0; index < PERSONS; index++) {
      Person p = population.person(index);
      if (p.formerFamilyName != null) {
        assertThat(p.sex).isEqualTo('F');
        assertThat(p.formerFamilyName).isNotEqualTo(p.familyName);
      }
      if (p.sex == 'F' && p.ageAtAsOf >= 20 && p.twin < 0 && p.namesakeOf < 0) {
        women++;
        changed += p.formerFamilyName != null ? 1 : 0;
      }
    }
    assertThat((double) changed / women).isBetween(0.38, 0.47);
  }

  @Test
  void namesAreManyAndSkewedWithCommonAndRareOnes() {
    assertThat(Names.allGiven('M')).hasSizeGreaterThanOrEqualTo(150).doesNotHaveDuplicates();
    assertThat(Names.allGiven('F')).hasSizeGreaterThanOrEqualTo(150).doesNotHaveDuplicates();
    assertThat(Names.allFamily()).hasSizeGreaterThanOrEqualTo(400).doesNotHaveDuplicates();
    assertThat(Names.allFamily()).contains("O'Brien", "Smith-Jones", "Wiśniewski", "D'Souza");
    assertThat(Names.allGiven('M')).contains("Łukasz", "Seán");
    assertThat(Names.allGiven('F')).contains("Zoë", "Siân", "Anne-Marie");
    Map<String, Integer> family = new HashMap<>();
    for (long index = 0; index < PERSONS; index++) {
      family.merge(population.person(index).familyName, 1, Integer::sum);
    }
    List<String> byFrequency = family.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).map(Map.Entry::getKey).toList();
    assertThat(byFrequency.get(0)).isEqualTo("Smith");
    assertThat(byFrequency.subList(0, 25)).contains("Jones", "Khan");
    assertThat((double) family.get("Smith") / PERSONS).isBetween(0.02, 0.06);
    long rare = family.values().stream().filter(n -> n <= 20).count(); // at most 0.1% of people each, against 2-6% for Smith
    assertThat(rare).isGreaterThan(200);
    assertThat(byFrequency.size()).isGreaterThan(380);
  }

  @Test
  void idsDoNotEncodeThePerson() {
    Ids ids = new Ids(SEED);
    java.util.SplittableRandom random = new java.util.SplittableRandom(1);
    for (int sample = 0; sample < 2_000; sample++) {
      long person = 1_000_000 + random.nextLong(19_000_000);
      String digits = Long.toString(person);
      List<String> all = new ArrayList<>(List.of(ids.gpPatient(true, person, 312, false), ids.gpPatient(false, person, 312, false),
          ids.gpPatient(false, person, 312, true), ids.gpEvent(true, NIGHT, person, 3), ids.gpEvent(false, NIGHT, person, 503),
          ids.referral(person)));
      for (Feed feed : Feed.values()) {
        if (feed.isCare()) {
          all.add(ids.care(feed, NIGHT, person, 0));
          all.add(ids.care(feed, NIGHT, person, 1));
        }
      }
      for (String id : all) {
        assertThat(id).as("an id of a sampled person").doesNotContain(digits);
        assertThat(id).doesNotContain(Long.toString(100_000_000L + person * 2));
      }
    }
    // and in the files: no id holds the person's index in the old zero-padded form
    for (Row row : rows) {
      String padded = String.format("%09d", row.person());
      assertThat(row.fields().get(0)).doesNotContain(padded);
      if (row.feed().has("patient_id")) {
        assertThat(row.get("patient_id")).doesNotContain(padded).isNotEqualTo(Long.toString(100_000_000L + row.person() * 2));
      }
    }
  }

  @Test
  void idsAreUniquePerFeedAndAPatientKeepsOneIdAtAPracticeAcrossNights(@TempDir Path dir) throws IOException {
    Map<Feed, Set<String>> seen = new EnumMap<>(Feed.class);
    Map<String, String> patientIds = new HashMap<>(); // person + practice -> id
    for (Row row : rows) {
      if (row.resent() || row.copy() && row.defect().equals(DefectKind.DUPLICATE_ROW.key())
          || row.defect().equals(DefectKind.TRUNCATED_ROW.key())) {
        continue;
      }
      assertThat(seen.computeIfAbsent(row.feed(), k -> new HashSet<>()).add(row.fields().get(0)))
          .as("%s row %d has an id of its own", row.file(), row.number()).isTrue();
      if (row.feed().has("patient_id")) {
        String key = row.person() + "@" + row.get("practice_code");
        String before = patientIds.putIfAbsent(key, row.get("patient_id"));
        assertThat(before == null || before.equals(row.get("patient_id"))).as("%s row %d", row.file(), row.number()).isTrue();
      }
    }
    GeneratorSettings later = new GeneratorSettings(NIGHT.plusDays(1), PERSONS, SEED, DefectRates.testPreset(), ExtractKind.INCREMENT);
    Manifest next = new SyntheticLanding(later).generate(dir.resolve("landing"), dir.resolve("truth"));
    int compared = 0;
    for (Row row : read(dir.resolve("landing"), dir.resolve("truth"), next)) {
      if (row.feed().has("patient_id") && !row.defect().equals(DefectKind.TRUNCATED_ROW.key())) {
        String before = patientIds.get(row.person() + "@" + row.get("practice_code"));
        if (before != null) {
          compared++;
          assertThat(row.get("patient_id")).as("%s row %d", row.file(), row.number()).isEqualTo(before);
        }
      }
    }
    assertThat(compared).isGreaterThan(1_000);
  }

  @Test
  void everyValueOfALoadableRowMatchesItsContractsPattern() throws IOException {
    Map<Feed, Map<String, Pattern>> patterns = new EnumMap<>(Feed.class);
    for (Feed feed : Feed.values()) {
      Map<String, Pattern> byColumn = new HashMap<>();
      for (Map<String, Object> property : SyntheticLandingTest.properties(SyntheticLandingTest.contract(feed))) {
        @SuppressWarnings("unchecked")
        Map<String, Object> options = (Map<String, Object>) property.get("logicalTypeOptions");
        if (options != null && options.get("pattern") != null) {
          byColumn.put((String) property.get("name"), Pattern.compile((String) options.get("pattern")));
        }
      }
      patterns.put(feed, byColumn);
    }
    Set<String> rejected = new HashSet<>();
    manifest.files().stream().filter(Manifest.FileEntry::fileRejected).forEach(f -> rejected.add(f.file()));
    long checked = 0;
    for (Row row : rows) {
      if (!row.rule().isEmpty() || rejected.contains(row.file())) {
        continue;
      }
      for (Map.Entry<String, Pattern> entry : patterns.get(row.feed()).entrySet()) {
        String value = row.get(entry.getKey());
        if (!value.isEmpty()) {
          checked++;
          assertThat(value).as("%s row %d %s", row.file(), row.number(), entry.getKey()).matches(entry.getValue());
        }
      }
    }
    assertThat(checked).isGreaterThan(50_000);
  }

  @Test
  void reKeyedDuplicatesRepeatThePreviousRowUnderANewId() {
    Map<String, List<Row>> byFile = new HashMap<>();
    rows.forEach(row -> byFile.computeIfAbsent(row.file(), k -> new ArrayList<>()).add(row));
    int rekeyed = 0;
    int exact = 0;
    for (List<Row> file : byFile.values()) {
      for (int i = 1; i < file.size(); i++) {
        Row row = file.get(i);
        Row before = file.get(i - 1);
        if (row.defect().equals(DefectKind.DUPLICATE_EVENT_NEW_ID.key())) {
          rekeyed++;
          assertThat(row.feed().isCare()).isTrue();
          assertThat(row.duplicateOf()).isEqualTo(before.fields().get(0)).isNotEqualTo(row.fields().get(0));
          assertThat(row.fields().subList(1, row.fields().size())).isEqualTo(before.fields().subList(1, before.fields().size()));
          assertThat(row.person()).isEqualTo(before.person());
          assertThat(row.identityError()).isEqualTo(before.identityError());
        } else if (row.defect().equals(DefectKind.DUPLICATE_ROW.key())) {
          exact++;
          assertThat(row.duplicateOf()).isEqualTo(row.fields().get(0));
          assertThat(row.fields()).isEqualTo(before.fields());
        } else if (!row.defect().equals(DefectKind.CROSS_SYSTEM_DUPLICATE.key())) {
          assertThat(row.duplicateOf()).isEmpty();
        }
      }
    }
    assertThat(rekeyed).isGreaterThan(10);
    assertThat(exact).isGreaterThan(100);
  }

  @Test
  void crossSystemDuplicatesRepeatAnEventOfTheCurrentPracticeUnderThePreviousPracticesIds() {
    Map<String, Row> events = new HashMap<>();
    Map<Long, Row> endedRegistration = new HashMap<>();
    for (Row row : rows) {
      if (!row.resent() && row.feed().has("event_id")) {
        events.putIfAbsent(row.fields().get(0), row);
      }
      if (row.endedRegistration()) {
        endedRegistration.put(row.person(), row);
      }
    }
    int duplicates = 0;
    int compared = 0;
    for (Row row : rows) {
      if (!row.defect().equals(DefectKind.CROSS_SYSTEM_DUPLICATE.key()) || row.resent()) {
        continue;
      }
      duplicates++;
      Person p = population.person(row.person());
      assertThat(p.previous).isNotNull();
      assertThat(row.file()).startsWith(p.previous.onsCode() + "/");
      Row original = events.get(row.duplicateOf());
      assertThat(original).as("the event a cross-system duplicate repeats").isNotNull();
      assertThat(original.person()).isEqualTo(row.person());
      assertThat(original.file()).startsWith(p.home.onsCode() + "/");
      Row registration = endedRegistration.get(row.person());
      assertThat(registration).isNotNull();
      assertThat(row.get("patient_id")).isEqualTo(registration.get("patient_id"));
      assertThat(row.get("practice_code")).isEqualTo(registration.get("practice_code"));
      assertThat(row.get("nhs_number")).isEqualTo(p.nhsNumber());
      if (original.defect().isEmpty()) {
        compared++;
        assertThat(row.feed().dateText().parseDate(row.get("event_date")))
            .isEqualTo(original.feed().dateText().parseDate(original.get("event_date"))).isBefore(p.registrationDate);
        assertThat(row.get("snomed_code")).isEqualTo(original.get("snomed_code"));
        assertThat(row.get("value")).isEqualTo(original.get("value"));
      }
    }
    assertThat(duplicates).isEqualTo(manifest.files().stream().filter(f -> f.resentOf() == null)
        .mapToLong(f -> f.defect(DefectKind.CROSS_SYSTEM_DUPLICATE)).sum()).isGreaterThan(30);
    assertThat(compared).isGreaterThan(30);
  }

  @Test
  void theRowsOfAnEndedRegistrationCarryTheAddressFromBeforeTheMove() {
    int ended = 0;
    for (Row row : rows) {
      if (row.endedRegistration() && row.identityError().isEmpty()) {
        ended++;
        Person p = population.person(row.person());
        assertThat(row.get("postcode")).isEqualTo(p.previousArea.postcode());
        assertThat(p.previousArea.borough()).isEqualTo(p.previous);
        assertThat(Borough.fromOnsCode(row.file().substring(0, 9)).orElseThrow()).isEqualTo(p.previous);
      }
    }
    assertThat(ended).isGreaterThan(200);
  }

  /** The identifiers a clean row of this person would carry, by lake column. */
  private static Map<String, String> expectedIdentifiers(Row row, Person p) {
    Feed feed = row.feed();
    boolean ended = row.endedRegistration();
    Map<String, String> out = new HashMap<>();
    out.put("nhs_number", p.nhsNumber());
    out.put("date_of_birth", feed.dateText().format(p.dateOfBirth));
    out.put("postcode", ended ? p.previousArea.postcode() : p.area.postcode());
    if (feed.isGpPatients()) {
      out.put("given_name", p.givenName);
      out.put("family_name", p.familyName);
      out.put("address_line", ended ? p.previousAddressLine() : p.addressLine());
      out.put("telephone", p.telephone());
    }
    return out;
  }

  /** Whether the identifier error could go on this row (what the generator's eligibility means). */
  private static boolean eligible(DefectKind kind, Row row, Person p) {
    Feed feed = row.feed();
    boolean gp = feed.isGpPatients();
    LocalDate born = p.dateOfBirth;
    boolean birthTouched = row.defect().equals(DefectKind.DATE_BEFORE_BIRTH.key());
    boolean nhsTouched = row.defect().equals(DefectKind.MISSING_NHS_NUMBER.key()) || row.defect().equals(DefectKind.INVALID_NHS_NUMBER.key());
    return switch (kind) {
      case NAME_TYPO, NAME_SWAP, MISSING_OPTIONAL_FIELD -> gp;
      case NAME_PHONETIC -> gp && (Names.soundsAlike(p.givenName) != null || Names.soundsAlike(p.familyName) != null);
      case NICKNAME -> gp && Names.nicknames(p.givenName) != null;
      case SURNAME_CHANGE -> gp && p.formerFamilyName != null;
      case DOB_DAY_MONTH_SWAP -> !birthTouched && born.getDayOfMonth() <= 12 && born.getDayOfMonth() != born.getMonthValue();
      case DOB_DEFAULTED -> !birthTouched && !(born.getDayOfMonth() == 1 && born.getMonthValue() == 1);
      case DOB_DIGIT_TYPO -> !birthTouched;
      case POSTCODE_TYPO -> true;
      case OLD_ADDRESS -> !row.endedRegistration();
      case NHS_NUMBER_TRANSPOSED, NHS_NUMBER_OF_ANOTHER_PERSON -> !nhsTouched;
      default -> false;
    };
  }

  private static int differentCharacters(String a, String b) {
    assertThat(a).hasSameSizeAs(b);
    int differ = 0;
    for (int i = 0; i < a.length(); i++) {
      differ += a.charAt(i) == b.charAt(i) ? 0 : 1;
    }
    return differ;
  }

  private static boolean isAdjacentTransposition(String a, String b) {
    for (int i = 0; i + 1 < a.length(); i++) {
      if (a.charAt(i) != b.charAt(i)) {
        return a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i) && a.substring(i + 2).equals(b.substring(i + 2));
      }
    }
    return false;
  }

  /** Optimal string alignment distance (insert, delete, substitute, swap adjacent). */
  static int damerau(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
