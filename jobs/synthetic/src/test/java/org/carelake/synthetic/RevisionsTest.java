package org.carelake.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nights as sources send them: increments of the calibrated model carry late records,
 * corrections and deletions; the manifest counts each per feed and borough as the files and
 * ground truth hold them, and each names what an earlier night really sent.
 */
class RevisionsTest {
  static final LocalDate NIGHT = LocalDate.of(2026, 11, 24);
  static final int NIGHTS_AFTER = 2;

  @TempDir static Path out;
  static final List<Manifest> nights = new ArrayList<>();

  @BeforeAll
  static void generateAnInitialExtractAndTwoIncrements() {
    GeneratorSettings settings = new GeneratorSettings(NIGHT, 3_000, 17, DefectRates.none(), ExtractKind.INITIAL, 1)
        .withRevisions(RevisionRates.testPreset());
    nights.add(new SyntheticLanding(settings).generate(out.resolve("landing"), out.resolve("truth")));
    for (int n = 1; n <= NIGHTS_AFTER; n++) {
      nights.add(new SyntheticLanding(settings.withExtract(ExtractKind.INCREMENT).withNight(NIGHT.plusDays(n)))
          .generate(out.resolve("landing"), out.resolve("truth")));
    }
  }

  @Test
  void theInitialExtractRevisesNothing() {
    Manifest initial = nights.get(0);
    for (Revision kind : Revision.values()) {
      assertThat(initial.total(kind)).as(kind.key()).isZero();
    }
  }

  @Test
  void theManifestCountsEachRevisionPerFeedAndBoroughAsGroundTruthAndTheFilesHoldThem() throws IOException {
    for (Manifest night : nights.subList(1, nights.size())) {
      Map<String, long[]> fromTruth = new HashMap<>();
      for (List<String> line : truth(night)) {
        String revision = line.get(10);
        if (!revision.isEmpty()) {
          fromTruth.computeIfAbsent(line.get(2), k -> new long[3])[kind(revision).ordinal()]++;
        }
      }
      for (Manifest.FileEntry entry : night.files()) {
        if (entry.resentOf() != null || entry.feed().endsWith("_opt_out")) {
          continue;
        }
        long[] expected = fromTruth.getOrDefault(entry.file(), new long[3]);
        assertThat(new long[] {entry.late(), entry.corrected(), entry.deleted()}).as("%s on %s", entry.file(), night.night())
            .containsExactly(expected);
        if (entry.feed().endsWith("_events")) {
          long flagged = rows(night.night(), entry.file()).stream()
              .filter(row -> row.get(row.size() - 1).equals("true") || row.get(row.size() - 1).equals("Y")).count();
          assertThat(flagged).as("rows flagged deleted in %s", entry.file()).isEqualTo(entry.deleted());
        } else {
          assertThat(entry.deleted()).as("deletions outside the GP event feeds, %s", entry.file()).isZero();
        }
      }
      for (Revision kind : Revision.values()) {
        assertThat(night.total(kind)).as("%s on %s", kind.key(), night.night()).isPositive();
      }
      assertThat(Files.readString(out.resolve("truth").resolve(night.night()).resolve("manifest.json")))
          .contains("\"revisions\": {\"late\": " + night.total(Revision.LATE) + ", \"corrected\": " + night.total(Revision.CORRECTION)
              + ", \"deleted\": " + night.total(Revision.DELETION) + "}");
    }
  }

  @Test
  void correctionsAndDeletionsNameRecordsAnEarlierNightSentAndLateRecordsAreNewAndWeeksOld() throws IOException {
    for (int n = 1; n < nights.size(); n++) {
      Manifest night = nights.get(n);
      LocalDate date = LocalDate.parse(night.night());
      Map<String, List<String>> sentBefore = new HashMap<>(); // borough/feed/id -> the row as first sent
      for (Manifest earlier : nights.subList(0, n)) {
        for (Manifest.FileEntry entry : earlier.files()) {
          if (entry.resentOf() == null && !entry.feed().endsWith("_patients") && !entry.feed().endsWith("_opt_out")) {
            for (List<String> row : rows(earlier.night(), entry.file())) {
              sentBefore.putIfAbsent(entry.borough() + "/" + entry.feed() + "/" + row.get(0), row);
            }
          }
        }
      }
      Map<String, Integer> byKind = new HashMap<>();
      for (List<String> line : truth(night)) {
        String revision = line.get(10);
        if (revision.isEmpty()) {
          continue;
        }
        Feed feed = feed(line.get(0));
        List<String> row = rows(night.night(), line.get(2)).get(Integer.parseInt(line.get(3)) - 1);
        assertThat(row.get(0)).isEqualTo(line.get(4));
        List<String> before = sentBefore.get(line.get(1) + "/" + line.get(0) + "/" + row.get(0));
        switch (kind(revision)) {
          case LATE -> {
            assertThat(before).as("a late record is new").isNull();
            LocalDate care = Revisions.careDate(feed, row.toArray(String[]::new));
            assertThat(care).as("late record's care date").isBetween(date.minusDays(1 + Revisions.LOOKBACK_NIGHTS), date.minusDays(2));
          }
          case CORRECTION -> {
            assertThat(before).as("a correction re-sends a record sent before").isNotNull();
            assertThat(row).as("a correction changes the content as first sent").isNotEqualTo(before);
            assertThat(row.subList(1, 3)).as("the same patient").isEqualTo(before.subList(1, 3));
          }
          case DELETION -> {
            assertThat(before).as("a deletion names a record sent before").isNotNull();
            assertThat(row.subList(0, row.size() - 1)).as("a deletion re-sends the record as sent").isEqualTo(before.subList(0, before.size() - 1));
          }
        }
        byKind.merge(revision, 1, Integer::sum);
      }
      assertThat(byKind).as("revisions on %s", night.night()).containsOnlyKeys("late", "corrected", "deleted");
    }
  }

  @Test
  void aNightWithoutItsPredecessorsManifestsCarriesLateRecordsOnly(@TempDir Path dir) {
    Manifest alone = new SyntheticLanding(new GeneratorSettings(NIGHT.plusDays(1), 3_000, 17, DefectRates.none(), ExtractKind.INCREMENT, 1)
        .withRevisions(RevisionRates.testPreset())).generate(dir.resolve("landing"), dir.resolve("truth"));
    // the same late records (give or take a truncated last row, which counts as truncated only)
    assertThat(alone.total(Revision.LATE)).isPositive().isCloseTo(nights.get(1).total(Revision.LATE), org.assertj.core.api.Assertions.within(1L));
    assertThat(alone.total(Revision.CORRECTION)).isZero();
    assertThat(alone.total(Revision.DELETION)).isZero();
  }

  @Test
  void theOriginalModelAndRatesOfNoneReviseNothing(@TempDir Path dir) {
    GeneratorSettings original = new GeneratorSettings(NIGHT, 500, 17, DefectRates.none(), ExtractKind.INITIAL);
    new SyntheticLanding(original).generate(dir.resolve("a"), dir.resolve("ta"));
    Manifest next = new SyntheticLanding(original.withExtract(ExtractKind.INCREMENT).withNight(NIGHT.plusDays(1)))
        .generate(dir.resolve("a"), dir.resolve("ta"));
    Manifest none = new SyntheticLanding(new GeneratorSettings(NIGHT.plusDays(1), 3_000, 17, DefectRates.none(), ExtractKind.INCREMENT, 1)
        .withRevisions(RevisionRates.none())).generate(dir.resolve("b"), dir.resolve("tb"));
    for (Revision kind : Revision.values()) {
      assertThat(next.total(kind)).as("original model, %s", kind.key()).isZero();
      assertThat(none.total(kind)).as("rates of none, %s", kind.key()).isZero();
    }
  }

  @Test
  void correctionsChangeOneFieldToAValidValue() {
    String[] event = {"id", "patient", "9990000018", "04/11/2025", "27113001", "82.4", "kg", "P82001", ""};
    assertThat(Revisions.corrected(Feed.GP_EMIS_EVENTS, event, 0)).containsExactly("id", "patient", "9990000018", "04/11/2025", "27113001",
        "82.3", "kg", "P82001", "");
    String[] coded = {"id", "patient", "9990000018", "20251104", "38341003", "", "", "P82001", ""};
    assertThat(Revisions.corrected(Feed.GP_TPP_EVENTS, coded, 2L << 8)[3]).isEqualTo("20251101");
    String[] appointment = {"id", "9990000018", "1970-01-01", "1", "M1 1AA", "2026-11-01", "100", "5", "1", "RMC"};
    assertThat(Revisions.corrected(Feed.ACUTE_OP, appointment, 0)[7]).isEqualTo("3");
  }

  private static Revision kind(String key) {
    for (Revision kind : Revision.values()) {
      if (kind.key().equals(key)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(key);
  }

  private static Feed feed(String id) {
    for (Feed feed : Feed.values()) {
      if (feed.id().equals(id)) {
        return feed;
      }
    }
    throw new IllegalArgumentException(id);
  }

  private static List<List<String>> truth(Manifest night) throws IOException {
    List<List<String>> lines = TestCsv.parse(Files.readString(out.resolve("truth").resolve(night.night()).resolve("ground_truth.csv")));
    assertThat(String.join(",", lines.get(0))).isEqualTo(GroundTruth.HEADER);
    return lines.subList(1, lines.size());
  }

  private static final Map<String, List<List<String>>> READ = new HashMap<>();

  /** Data rows of one landed file (a truncated last row is dropped). */
  private static List<List<String>> rows(String night, String file) throws IOException {
    return READ.computeIfAbsent(night + "/" + file, k -> {
      try {
        String text = Files.readString(out.resolve("landing").resolve(night).resolve(file), StandardCharsets.UTF_8);
        List<List<String>> all = TestCsv.parse(text);
        List<List<String>> data = all.subList(1, all.size());
        return text.endsWith("\n") ? data : data.subList(0, data.size() - 1);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }
}
