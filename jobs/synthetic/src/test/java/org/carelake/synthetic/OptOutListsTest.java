package org.carelake.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.carelake.geography.Borough;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The synthetic opt-out lists: a few per cent of people (the National Data Opt-out near England's
 * 5.4%, Type 1 near 2.5%), varying by borough, changing slowly night to night in both directions,
 * and written one valid never-issued NHS number per row with ground truth. Rates are measured on
 * the pure per-person function, so a large population costs milliseconds.
 */
class OptOutListsTest {
  static final LocalDate NIGHT = LocalDate.of(2026, 11, 24);
  static final long PERSONS = 200_000;

  static final Population POPULATION = new Population(7, PERSONS, false);
  static final OptOutLists LISTS =
      new OptOutLists(new GeneratorSettings(NIGHT, PERSONS, 7, DefectRates.defaults(), ExtractKind.INITIAL), POPULATION);

  @Test
  void aFewPerCentOptOutVaryingByBorough() {
    for (OptOutLists.Kind kind : OptOutLists.Kind.values()) {
      Map<Borough, Double> shares = new EnumMap<>(Borough.class);
      long listed = 0;
      for (Borough borough : Borough.values()) {
        long inBorough = count(kind, borough, NIGHT);
        listed += inBorough;
        shares.put(borough, (double) inBorough / (POPULATION.endIndex(borough) - POPULATION.firstIndex(borough)));
      }
      double share = (double) listed / PERSONS;
      double lowest = shares.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      double highest = shares.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      System.out.printf("%s: %.2f%% of people; boroughs %.2f%% to %.2f%%%n", kind.feedId, 100 * share, 100 * lowest, 100 * highest);
      assertThat(share).as(kind.feedId + " share of people").isBetween(kind.nationalRate * 0.85, kind.nationalRate * 1.2);
      assertThat(highest / lowest).as(kind.feedId + " boroughs differ").isGreaterThan(1.3);
    }
  }

  @Test
  void someOptOutAndAFewWithdrawBetweenNights() {
    LocalDate later = NIGHT.plusDays(30);
    for (OptOutLists.Kind kind : OptOutLists.Kind.values()) {
      long optedOut = 0;
      long withdrew = 0;
      long changedOvernight = 0;
      for (Borough borough : Borough.values()) {
        for (long index = POPULATION.firstIndex(borough); index < POPULATION.endIndex(borough); index++) {
          boolean before = LISTS.listed(kind, index, borough, NIGHT);
          boolean after = LISTS.listed(kind, index, borough, later);
          optedOut += !before && after ? 1 : 0;
          withdrew += before && !after ? 1 : 0;
          changedOvernight += before != LISTS.listed(kind, index, borough, NIGHT.plusDays(1)) ? 1 : 0;
        }
      }
      System.out.printf("%s over 30 nights: %d opted out, %d withdrew; %d changed overnight%n", kind.feedId, optedOut, withdrew,
          changedOvernight);
      // Expected over 30 nights at 200,000 people: ~31 opt-outs; withdrawals ~18 (national), ~8 (Type 1).
      assertThat(optedOut).as(kind.feedId + " opt out").isBetween(12L, 60L);
      assertThat(withdrew).as(kind.feedId + " withdraw").isBetween(2L, 40L).isLessThan(optedOut);
      assertThat(changedOvernight).as(kind.feedId + " a night's changes are few").isLessThan(15L);
    }
  }

  @Test
  void eachBoroughSendsItsListsOneValidNumberPerRowWithGroundTruth(@TempDir Path out) throws IOException {
    Manifest manifest = new SyntheticLanding(new GeneratorSettings(NIGHT, 3_000, 5, DefectRates.defaults(), ExtractKind.INITIAL))
        .generate(out.resolve("landing"), out.resolve("truth"));
    List<Manifest.FileEntry> lists = manifest.files().stream().filter(f -> f.feed().endsWith("_opt_out")).toList();
    assertThat(lists).hasSize(Borough.values().length * OptOutLists.Kind.values().length);
    Set<String> truthRows = new HashSet<>();
    List<String> truth = Files.readAllLines(out.resolve("truth").resolve(NIGHT.toString()).resolve(OptOutLists.TRUTH_FILE));
    assertThat(truth.get(0)).isEqualTo(OptOutLists.TRUTH_HEADER);
    for (String line : truth.subList(1, truth.size())) {
      String[] parts = line.split(",");
      truthRows.add(parts[2] + "#" + parts[3] + "#" + NhsNumbers.forPerson(Long.parseLong(parts[4])));
    }
    long rows = 0;
    for (Manifest.FileEntry entry : lists) {
      List<String> lines = Files.readAllLines(out.resolve("landing").resolve(NIGHT.toString()).resolve(entry.file()));
      assertThat(lines.get(0)).isEqualTo("NHSNumber");
      List<String> numbers = lines.subList(1, lines.size());
      assertThat(numbers).as(entry.file()).hasSize((int) entry.rows()).doesNotHaveDuplicates()
          .allMatch(NhsNumbers::isValid, "valid").allMatch(n -> n.startsWith("999"), "never issued");
      for (int i = 0; i < numbers.size(); i++) {
        assertThat(truthRows.contains(entry.file() + "#" + (i + 1) + "#" + numbers.get(i))).as(entry.file() + " row " + (i + 1)).isTrue();
      }
      assertThat(entry.expectedLoadedRows()).isEqualTo(entry.rows());
      rows += entry.rows();
    }
    assertThat(truth).hasSize((int) rows + 1);
    Map<String, Long> byList = lists.stream().collect(Collectors.groupingBy(Manifest.FileEntry::feed,
        Collectors.summingLong(Manifest.FileEntry::rows)));
    assertThat(byList.get("national_data_opt_out")).isBetween(90L, 260L);
    assertThat(byList.get("type_1_opt_out")).isBetween(35L, 130L);
  }

  private static long count(OptOutLists.Kind kind, Borough borough, LocalDate night) {
    long listed = 0;
    for (long index = POPULATION.firstIndex(borough); index < POPULATION.endIndex(borough); index++) {
      listed += LISTS.listed(kind, index, borough, night) ? 1 : 0;
    }
    return listed;
  }
}
