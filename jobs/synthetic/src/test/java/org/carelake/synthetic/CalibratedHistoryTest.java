package org.carelake.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.carelake.contract.Contract;
import org.carelake.contract.ContractLoader;
import org.carelake.contract.RowValidator;
import org.carelake.csv.CsvRecordReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The calibrated model ({@code --history-years}): yearly rates per person-year and per setting
 * within 15% of the national targets on 50,000 people with one year of history, the shape of
 * admissions and appointments, winter, prevalence and incidence, births and deaths, contracts
 * met by every row, unique ids, later nights at a 365th of the yearly rates, and the same bytes
 * for the same settings.
 */
class CalibratedHistoryTest {
  static final LocalDate NIGHT = LocalDate.of(2026, 11, 24);
  static final int PERSONS = 50_000;
  static final long SEED = 42;
  static final int NIGHTS_AFTER = 5;

  @TempDir static Path out;
  static Manifest history;
  static List<Manifest> later = new ArrayList<>();
  static double personYears;
  static final Map<String, Long> rows = new TreeMap<>();

  @BeforeAll
  static void generateOneYearOfHistoryAndFiveNights() {
    GeneratorSettings settings = new GeneratorSettings(NIGHT, PERSONS, SEED, DefectRates.none(), ExtractKind.INITIAL, 1);
    history = new SyntheticLanding(settings).generate(out.resolve("landing"), out.resolve("truth"));
    history.files().stream().filter(f -> f.resentOf() == null).forEach(f -> rows.merge(f.feed(), f.rows(), Long::sum));
    for (int n = 1; n <= NIGHTS_AFTER; n++) {
      later.add(new SyntheticLanding(settings.withExtract(ExtractKind.INCREMENT)
          .withNight(NIGHT.plusDays(n))).generate(out.resolve("landing"), out.resolve("truth")));
    }
    Population population = new Population(SEED, PERSONS, true);
    long days = 0;
    for (long i = 0; i < PERSONS; i++) {
      days += CalibratedActivity.activeDays(population.person(i), NIGHT.minusYears(1), NIGHT);
    }
    personYears = days / 365.25;
  }

  private static double perPersonYear(String... feeds) {
    long n = 0;
    for (String feed : feeds) {
      n += rows.getOrDefault(feed, 0L);
    }
    return n / personYears;
  }

  @Test
  void yearlyRatesPerPersonAreWithinFifteenPercentOfTheNationalFigures() {
    assertThat(personYears).as("most of the population is in the records all year").isBetween(0.85 * PERSONS, 1.0 * PERSONS);
    Map<String, double[]> expected = new java.util.LinkedHashMap<>();
    expected.put("GP coded events and prescriptions", new double[] {
      perPersonYear("gp_emis_events", "gp_tpp_events", "gp_emis_medications", "gp_tpp_medications"), CalibratedActivity.GP_CODED_PER_YEAR});
    expected.put("admissions", new double[] {perPersonYear("acute_apc"), CalibratedActivity.ADMISSIONS_PER_YEAR});
    expected.put("emergency care attendances", new double[] {perPersonYear("acute_ecds"), CalibratedActivity.EMERGENCY_ATTENDANCES_PER_YEAR});
    expected.put("outpatient appointments", new double[] {perPersonYear("acute_op"), CalibratedActivity.OUTPATIENT_PER_YEAR});
    expected.put("mental-health contacts", new double[] {perPersonYear("mh_contacts"), CalibratedActivity.MENTAL_HEALTH_PER_YEAR});
    expected.put("community contacts", new double[] {perPersonYear("community_contacts"), CalibratedActivity.COMMUNITY_PER_YEAR});
    expected.put("adult social care services", new double[] {perPersonYear("asc_services"), CalibratedActivity.SOCIAL_CARE_PER_YEAR});
    expected.put("out-of-hours contacts", new double[] {perPersonYear("ooh_contacts"), CalibratedActivity.OUT_OF_HOURS_PER_YEAR});
    StringBuilder report = new StringBuilder("calibrated rates per person-year (measured / target), ")
        .append(PERSONS).append(" persons, ").append(Math.round(personYears)).append(" person-years:");
    expected.forEach((setting, pair) -> report.append(String.format(java.util.Locale.ROOT, "%n  %-30s %7.3f / %7.3f", setting, pair[0], pair[1])));
    System.out.println(report);
    expected.forEach((setting, pair) ->
        assertThat(pair[0]).as("%s per person-year", setting).isCloseTo(pair[1], within(0.15 * pair[1])));
    double prescriptions = perPersonYear("gp_emis_medications", "gp_tpp_medications");
    System.out.printf(java.util.Locale.ROOT, "  of which prescription issues %.3f%n", prescriptions);
    assertThat(prescriptions).as("prescription issues per person-year").isBetween(5.0, 10.0);
  }

  @Test
  void aboutFortyPercentOfAdmissionsAreEmergenciesWithLongerStaysAndSevenPercentOfAppointmentsAreMissed() throws IOException {
    long emergency = 0;
    long all = 0;
    long emergencyNights = 0;
    long electiveDayCases = 0;
    for (List<String> row : rows("acute_apc")) {
      all++;
      boolean isEmergency = row.get(7).startsWith("2");
      if (row.get(6).isEmpty()) {
        emergency += isEmergency ? 1 : 0;
        continue;
      }
      long stay = LocalDate.parse(row.get(6)).toEpochDay() - LocalDate.parse(row.get(5)).toEpochDay();
      assertThat(stay).isNotNegative();
      if (isEmergency) {
        emergency++;
        emergencyNights += stay;
      } else {
        electiveDayCases += stay == 0 ? 1 : 0;
      }
    }
    double share = (double) emergency / all;
    assertThat(share).as("emergency share of admissions").isCloseTo(CalibratedActivity.EMERGENCY_SHARE, within(0.15 * CalibratedActivity.EMERGENCY_SHARE));
    assertThat((double) emergencyNights / emergency).as("mean emergency stay, nights").isBetween(3.0, 7.0);
    assertThat((double) electiveDayCases / (all - emergency)).as("elective day cases").isBetween(0.55, 0.8);
    long missed = 0;
    long appointments = 0;
    for (List<String> row : rows("acute_op")) {
      appointments++;
      missed += row.get(7).equals("3") ? 1 : 0;
    }
    assertThat((double) missed / appointments).as("did not attend").isCloseTo(CalibratedActivity.NOT_ATTENDED_SHARE,
        within(0.15 * CalibratedActivity.NOT_ATTENDED_SHARE));
  }

  @Test
  void winterIsBusierThanSummer() throws IOException {
    long[] byMonth = new long[13];
    for (List<String> row : rows("gp_emis_events")) {
      byMonth[Integer.parseInt(row.get(3).substring(3, 5))]++;
    }
    assertThat((double) byMonth[1] / byMonth[7]).as("GP events, January over July").isGreaterThan(1.1);
    long[] admissions = new long[13];
    for (List<String> row : rows("acute_ecds")) {
      admissions[Integer.parseInt(row.get(5).substring(5, 7))]++;
    }
    assertThat(admissions[1] + admissions[2] + admissions[12]).as("ED attendances, winter over summer")
        .isGreaterThan(admissions[6] + admissions[7] + admissions[8]);
  }

  @Test
  void prevalenceIsPlausibleAndIncidenceComesFromOnsetsSpreadOverLife() {
    Population population = new Population(SEED, PERSONS, true);
    LocalDate day = NIGHT.minusDays(1);
    int conditions = Condition.values().length;
    long[] denominator = new long[conditions];
    long[] prevalent = new long[conditions];
    long[] incident = new long[conditions];
    long births = 0;
    long deaths = 0;
    long left = 0;
    for (long i = 0; i < PERSONS; i++) {
      Person p = population.person(i);
      births += !p.dateOfBirth.isBefore(NIGHT.minusYears(1)) && p.dateOfBirth.isBefore(NIGHT) ? 1 : 0;
      deaths += p.deathDate != null && !p.deathDate.isBefore(NIGHT.minusYears(1)) && p.deathDate.isBefore(NIGHT) ? 1 : 0;
      left += p.leftDate != null && !p.leftDate.isBefore(NIGHT.minusYears(1)) && p.leftDate.isBefore(NIGHT) ? 1 : 0;
      if (!p.activeOn(day)) {
        continue;
      }
      int age = p.ageOn(day);
      for (Condition c : Condition.values()) {
        if (age < c.denominatorMinAge()) {
          continue;
        }
        denominator[c.ordinal()]++;
        LocalDate onset = p.onset[c.ordinal()];
        if (p.has(c) && onset.isBefore(NIGHT)) {
          prevalent[c.ordinal()]++;
          incident[c.ordinal()] += onset.isBefore(NIGHT.minusYears(1)) ? 0 : 1;
        }
      }
    }
    org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
    StringBuilder report = new StringBuilder("recorded prevalence at the night (target) and share diagnosed in the last year:");
    for (Condition c : Condition.values()) {
      double prevalence = (double) prevalent[c.ordinal()] / denominator[c.ordinal()];
      report.append(String.format(java.util.Locale.ROOT, "%n  %-24s %6.4f (%6.4f)  %5.3f", c, prevalence, c.prevalence(),
          (double) incident[c.ordinal()] / prevalent[c.ordinal()]));
      soft.assertThat(prevalence).as("recorded prevalence of %s", c).isBetween(0.75 * c.prevalence(), 1.5 * c.prevalence());
      double newShare = (double) incident[c.ordinal()] / prevalent[c.ordinal()];
      soft.assertThat(newShare).as("share of %s cases diagnosed in the last year", c).isBetween(0.01, 0.35);
    }
    report.append(String.format(java.util.Locale.ROOT, "%n  births %d, deaths %d, left the region %d in the year", births, deaths, left));
    System.out.println(report);
    soft.assertAll();
    assertThat((double) births / PERSONS).as("births in the year").isBetween(0.007, 0.017);
    assertThat((double) deaths / PERSONS).as("deaths in the year").isBetween(0.005, 0.015);
    assertThat((double) left / PERSONS).as("left the region in the year").isBetween(0.005, 0.015);
  }

  @Test
  void deathsAndEndedRegistrationsAreInTheGpExtract() throws IOException {
    long deathEvents = 0;
    for (String feed : List.of("gp_emis_events", "gp_tpp_events")) {
      for (List<String> row : rows(feed)) {
        deathEvents += row.get(4).equals(CalibratedActivity.DEATH) ? 1 : 0;
      }
    }
    assertThat(deathEvents).as("death events").isBetween((long) (0.005 * PERSONS), (long) (0.015 * PERSONS));
    long ended = 0;
    for (List<String> row : rows("gp_tpp_patients")) {
      ended += row.get(12).isEmpty() ? 0 : 1;
    }
    assertThat(ended).as("ended TPP registrations (deaths, departures, moves)").isPositive();
  }

  @Test
  void everyRowMeetsItsContractAndIdsAreUniquePerFeed() throws IOException {
    Map<String, Contract> contracts = new HashMap<>();
    for (Contract contract : ContractLoader.loadAll(Path.of("../../data-contracts"))) {
      contracts.put(contract.id(), contract);
    }
    Map<String, List<Long>> idHashes = new HashMap<>();
    for (Manifest.FileEntry entry : history.files()) {
      if (entry.resentOf() != null || entry.fileRejected()) {
        continue;
      }
      RowValidator validator = new RowValidator(contracts.get(entry.feed()), NIGHT);
      List<List<String>> all = read(entry.file());
      boolean truncated = entry.defect(DefectKind.TRUNCATED_ROW) > 0;
      for (int i = 0; i < all.size() - (truncated ? 1 : 0); i++) {
        List<String> row = all.get(i);
        assertThat(validator.validate(row.toArray(String[]::new)).violations()).as("%s row %d", entry.file(), i + 1).isEmpty();
        idHashes.computeIfAbsent(entry.feed(), k -> new ArrayList<>()).add(fnv64(row.get(0)));
      }
    }
    idHashes.forEach((feed, hashes) -> {
      if (feed.endsWith("_patients")) {
        return; // a mover's old and new registrations, and re-sent ones, are separate rows of one patient id
      }
      long[] sorted = hashes.stream().mapToLong(Long::longValue).sorted().toArray();
      long repeats = 0;
      for (int i = 1; i < sorted.length; i++) {
        repeats += sorted[i] == sorted[i - 1] ? 1 : 0;
      }
      assertThat(repeats).as("repeated ids in %s (%d rows)", feed, sorted.length).isLessThanOrEqualTo(sorted.length / 1_000_000);
    });
  }

  @Test
  void laterNightsCarryAboutA365thOfTheYearlyRates() {
    Map<String, Long> nightly = new TreeMap<>();
    for (Manifest night : later) {
      night.files().stream().filter(f -> f.resentOf() == null).forEach(f -> nightly.merge(f.feed(), f.rows(), Long::sum));
    }
    double share = NIGHTS_AFTER / 365.25;
    for (String[] group : new String[][] {
      {"gp_emis_events", "gp_tpp_events", "gp_emis_medications", "gp_tpp_medications"}, {"acute_op"}, {"community_contacts"}}) {
      long observed = 0;
      long yearly = 0;
      for (String feed : group) {
        observed += nightly.getOrDefault(feed, 0L);
        yearly += rows.getOrDefault(feed, 0L);
      }
      assertThat((double) observed).as("%s over %d nights", Arrays.toString(group), NIGHTS_AFTER)
          .isCloseTo(yearly * share, within(0.2 * yearly * share));
    }
    long registrations = nightly.get("gp_emis_patients") + nightly.get("gp_tpp_patients");
    assertThat(registrations).as("new, ended and changed registrations on later nights").isPositive();
  }

  /**
   * At the default rates a night's revisions are a few per cent of its rows: late records 2% of
   * each setting's rows (repeat prescriptions, which come on schedule, aside: about 1.5% of all
   * activity rows), corrections 1% of its activity rows and deletions 0.5% of its GP events.
   */
  @Test
  void laterNightsReviseEarlierOnesAtTheDefaultRates() {
    long activity = 0;
    long gpEvents = 0;
    long[] revisions = new long[Revision.values().length];
    for (Manifest night : later) {
      for (Manifest.FileEntry f : night.files()) {
        if (f.resentOf() != null || f.feed().endsWith("_patients") || f.feed().endsWith("_opt_out")) {
          continue;
        }
        long revised = f.late() + f.corrected() + f.deleted();
        activity += f.rows() - revised;
        gpEvents += f.feed().endsWith("_events") ? f.rows() - revised : 0;
      }
      for (Revision kind : Revision.values()) {
        revisions[kind.ordinal()] += night.total(kind);
      }
    }
    double late = (double) revisions[Revision.LATE.ordinal()] / activity;
    double corrected = (double) revisions[Revision.CORRECTION.ordinal()] / activity;
    double deleted = (double) revisions[Revision.DELETION.ordinal()] / gpEvents;
    System.out.printf(java.util.Locale.ROOT, "revisions over %d nights: late %.4f, corrected %.4f of %d activity rows; deleted %.4f of %d GP events%n",
        NIGHTS_AFTER, late, corrected, activity, deleted, gpEvents);
    RevisionRates target = RevisionRates.defaults();
    assertThat(late).as("late share").isBetween(0.5 * target.late(), 1.25 * target.late());
    assertThat(corrected).as("corrected share").isCloseTo(target.corrected(), within(0.5 * target.corrected()));
    assertThat(deleted).as("deleted share of GP events").isCloseTo(target.deleted(), within(0.5 * target.deleted()));
  }

  @Test
  void sameSettingsGiveTheSameBytesAndHistoryIsNotTheOriginalModel(@TempDir Path dir) throws IOException {
    GeneratorSettings settings = new GeneratorSettings(NIGHT, 2_000, 7, DefectRates.testPreset(), ExtractKind.INITIAL, 2);
    new SyntheticLanding(settings).generate(dir.resolve("a"), dir.resolve("ta"));
    new SyntheticLanding(settings).generate(dir.resolve("b"), dir.resolve("tb"));
    new SyntheticLanding(settings.withHistoryYears(0)).generate(dir.resolve("c"), dir.resolve("tc"));
    long total = 0;
    for (Path file : SyntheticLandingTest.files(dir.resolve("a"))) {
      Path relative = dir.resolve("a").relativize(file);
      assertThat(Files.readAllBytes(dir.resolve("b").resolve(relative))).as("%s", relative).isEqualTo(Files.readAllBytes(file));
      total += Files.size(file);
    }
    assertThat(Files.readAllBytes(dir.resolve("tb/2026-11-24/ground_truth.csv"))).isEqualTo(Files.readAllBytes(dir.resolve("ta/2026-11-24/ground_truth.csv")));
    long original = 0;
    for (Path file : SyntheticLandingTest.files(dir.resolve("c"))) {
      original += Files.size(file);
    }
    assertThat(total).as("two years of history outweigh one night").isGreaterThan(20 * original);
  }

  /**
   * Without history the generator writes what it wrote before the calibrated model and the
   * medication feeds existed: the same rows in every other feed (counts pinned from that version
   * for one initial night and the night after).
   */
  @Test
  void withoutHistoryTheOtherFeedsKeepTheirRowCounts(@TempDir Path dir) {
    Manifest initial = new SyntheticLanding(new GeneratorSettings(NIGHT, 3_000, 42, DefectRates.testPreset(), ExtractKind.INITIAL))
        .generate(dir.resolve("l"), dir.resolve("t"));
    Manifest next = new SyntheticLanding(new GeneratorSettings(NIGHT.plusDays(1), 3_000, 42, DefectRates.defaults()))
        .generate(dir.resolve("l"), dir.resolve("t"));
    assertThat(rowsOutside(initial, "_medications")).isEqualTo(5_735);
    assertThat(rowsOutside(next, "_medications")).isEqualTo(843);
    assertThat(initial.totalRows() - 5_735).as("medication rows on the initial night").isPositive();
  }

  /** A 64-bit FNV-1a hash (String.hashCode's 32 bits would collide by chance among a million ids). */
  private static long fnv64(String text) {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
    }
    return hash;
  }

  private static long rowsOutside(Manifest manifest, String suffix) {
    // the opt-out lists came later than the pinned counts, and are not activity
    return manifest.files().stream().filter(f -> !f.feed().endsWith(suffix) && !f.feed().endsWith("_opt_out"))
        .mapToLong(Manifest.FileEntry::rows).sum();
  }

  /** Data rows of every borough's file of a feed in the history extract. */
  private static List<List<String>> rows(String feed) throws IOException {
    List<List<String>> all = new ArrayList<>();
    for (Manifest.FileEntry entry : history.files()) {
      if (entry.feed().equals(feed) && entry.resentOf() == null && !entry.fileRejected()) {
        List<List<String>> file = read(entry.file());
        all.addAll(entry.defect(DefectKind.TRUNCATED_ROW) > 0 ? file.subList(0, file.size() - 1) : file);
      }
    }
    return all;
  }

  private static List<List<String>> read(String file) throws IOException {
    List<List<String>> all = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(out.resolve("landing").resolve(NIGHT.toString()).resolve(file), StandardCharsets.UTF_8);
        CsvRecordReader csv = new CsvRecordReader(reader, ',')) {
      csv.next();
      String[] fields;
      while ((fields = csv.next()) != null) {
        all.add(Arrays.asList(fields));
      }
    }
    return all;
  }
}
