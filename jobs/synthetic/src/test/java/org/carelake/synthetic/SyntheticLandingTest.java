package org.carelake.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

class SyntheticLandingTest {
  private static final LocalDate NIGHT = LocalDate.of(2026, 11, 24);
  private static final Path CONTRACTS = Path.of("../../data-contracts");

  @TempDir static Path out;
  private static Manifest initial;
  private static Path landing;
  private static Path truth;

  @BeforeAll
  static void generateAnInitialNight() {
    landing = out.resolve("landing");
    truth = out.resolve("ground-truth");
    GeneratorSettings settings = new GeneratorSettings(NIGHT, 20_000, 11, DefectRates.testPreset(), ExtractKind.INITIAL);
    initial = new SyntheticLanding(settings).generate(landing, truth);
  }

  @Test
  void sameSeedGivesIdenticalBytesAndAnotherSeedDoesNot(@TempDir Path dir) throws IOException {
    GeneratorSettings settings = new GeneratorSettings(NIGHT, 5_000, 99, DefectRates.testPreset());
    new SyntheticLanding(settings).generate(dir.resolve("a"), dir.resolve("ta"));
    new SyntheticLanding(settings).generate(dir.resolve("b"), dir.resolve("tb"));
    new SyntheticLanding(new GeneratorSettings(NIGHT, 5_000, 100, DefectRates.testPreset())).generate(dir.resolve("c"), dir.resolve("tc"));
    List<Path> files = files(dir.resolve("a"));
    // 13 feeds, 2 opt-out lists and _READY per borough, 3 resent copies
    assertThat(files).hasSize(10 * (Feed.values().length + OptOutLists.Kind.values().length + 1) + 3);
    boolean anyDifferent = false;
    for (Path file : files) {
      Path relative = dir.resolve("a").relativize(file);
      assertThat(Files.readAllBytes(dir.resolve("b").resolve(relative))).as("%s", relative).isEqualTo(Files.readAllBytes(file));
      anyDifferent |= !java.util.Arrays.equals(Files.readAllBytes(dir.resolve("c").resolve(relative)), Files.readAllBytes(file));
    }
    assertThat(anyDifferent).isTrue();
    assertThat(Files.readAllBytes(dir.resolve("tb/2026-11-24/ground_truth.csv"))).isEqualTo(Files.readAllBytes(dir.resolve("ta/2026-11-24/ground_truth.csv")));
    assertThat(Files.readAllBytes(dir.resolve("tb/2026-11-24/manifest.json"))).isEqualTo(Files.readAllBytes(dir.resolve("ta/2026-11-24/manifest.json")));
  }

  @Test
  void groundTruthMustLieOutsideTheLandingZone(@TempDir Path dir) {
    GeneratorSettings settings = new GeneratorSettings(NIGHT, 100, 1, DefectRates.none());
    assertThatThrownBy(() -> new SyntheticLanding(settings).generate(dir, dir.resolve("truth")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the landing zone");
  }

  @Test
  void layoutHasEveryFeedPerBoroughAReadyMarkerAndTruthOutsideLanding() throws IOException {
    for (var borough : org.carelake.geography.Borough.values()) {
      Path folder = landing.resolve("2026-11-24").resolve(borough.onsCode());
      assertThat(folder.resolve("_READY")).exists().isEmptyFile();
      for (Feed feed : Feed.values()) {
        assertThat(folder.resolve(feed.fileName())).exists();
      }
    }
    assertThat(truth.resolve("2026-11-24/manifest.json")).exists();
    // one truth line per landed row: activity rows in ground_truth.csv, opt-out list rows in opt_outs.csv
    try (Stream<String> lines = Files.lines(truth.resolve("2026-11-24/ground_truth.csv"));
        Stream<String> optOuts = Files.lines(truth.resolve("2026-11-24").resolve(OptOutLists.TRUTH_FILE))) {
      assertThat(lines.count() - 1 + optOuts.count() - 1).isEqualTo(initial.totalRows());
    }
    assertThat(files(landing)).noneMatch(p -> p.getFileName().toString().contains("truth") || p.getFileName().toString().contains("manifest"));
  }

  @Test
  void everyHeaderMatchesItsContractsPhysicalNamesInOrder() throws IOException {
    for (Feed feed : Feed.values()) {
      Map<String, Object> contract = contract(feed);
      List<Map<String, Object>> properties = properties(contract);
      assertThat(feed.headers()).as(feed.id()).isEqualTo(properties.stream().map(p -> (String) p.get("physicalName")).toList());
      assertThat(feed.lakeNames()).as(feed.id()).isEqualTo(properties.stream().map(p -> (String) p.get("name")).toList());
      String header = Files.readAllLines(landing.resolve("2026-11-24/E08000001").resolve(feed.fileName())).get(0);
      assertThat(header).isEqualTo(String.join(",", feed.headers()));
    }
  }

  @Test
  void manifestCountsMatchAnIndependentReReadOfTheFiles() throws IOException {
    Map<String, Map<Long, String[]>> truthByFile = truthByFile();
    long checked = 0;
    for (Manifest.FileEntry entry : activityFiles(initial)) {
      Path file = landing.resolve("2026-11-24").resolve(entry.file());
      byte[] bytes = Files.readAllBytes(file);
      boolean windows1252 = entry.defect(DefectKind.NON_UTF8_FILE) > 0;
      String text = new String(bytes, windows1252 ? java.nio.charset.Charset.forName("windows-1252") : StandardCharsets.UTF_8);
      List<List<String>> rows = TestCsv.parse(text);
      Feed feed = Feed.valueOf(entry.feed().toUpperCase());
      assertThat(rows.size() - 1).as(entry.file()).isEqualTo(entry.rows());
      int nhs = feed.column("nhs_number");
      long blank = 0;
      long invalid = 0;
      long transposedInvalid = 0;
      long duplicates = 0;
      long future = 0;
      for (int i = 1; i < rows.size(); i++) {
        List<String> row = rows.get(i);
        if (i == rows.size() - 1 && entry.defect(DefectKind.TRUNCATED_ROW) == 1) {
          assertThat(row.size()).isLessThan(feed.headers().size());
          continue;
        }
        assertThat(row).as("%s row %d", entry.file(), i).hasSize(feed.headers().size());
        String number = row.get(nhs);
        if (number.isEmpty()) {
          blank++;
        } else {
          assertThat(number).startsWith("999").hasSize(10);
          if (!NhsNumbers.isValid(number)) {
            // a failing check digit is either the injected defect or a transposition that broke it (both load)
            String[] truthRow = truthByFile.get(entry.file()).get((long) i);
            boolean transposed = truthRow[8].equals(DefectKind.NHS_NUMBER_TRANSPOSED.key());
            assertThat(truthRow[6].equals(DefectKind.INVALID_NHS_NUMBER.key()) || transposed)
                .as("%s row %d has a reason for its check digit", entry.file(), i).isTrue();
            if (transposed) {
              transposedInvalid++;
            } else {
              invalid++;
            }
          }
        }
        duplicates += row.equals(rows.get(i - 1)) ? 1 : 0;
        boolean in2099 = false;
        for (int c = 0; c < row.size(); c++) {
          String v = row.get(c);
          // ids are pseudo-random digits and may start 2099 too: look at the other columns
          in2099 |= !feed.lakeNames().get(c).endsWith("_id") && v.length() <= 19 && (v.startsWith("2099") || v.contains("/2099"));
        }
        future += in2099 ? 1 : 0;
      }
      assertThat(blank).as("blank NHS numbers in %s", entry.file()).isEqualTo(entry.defect(DefectKind.MISSING_NHS_NUMBER));
      assertThat(invalid).as("bad check digits in %s", entry.file()).isEqualTo(entry.defect(DefectKind.INVALID_NHS_NUMBER));
      assertThat(transposedInvalid).as("transpositions failing the check in %s", entry.file())
          .isLessThanOrEqualTo(entry.defect(DefectKind.NHS_NUMBER_TRANSPOSED));
      assertThat(duplicates).as("duplicate lines in %s", entry.file()).isEqualTo(entry.defect(DefectKind.DUPLICATE_ROW));
      assertThat(future).as("2099 dates in %s", entry.file()).isEqualTo(entry.defect(DefectKind.FUTURE_DATE));
      checked += entry.rows();
    }
    assertThat(checked).isEqualTo(activityFiles(initial).stream().mapToLong(Manifest.FileEntry::rows).sum());
    for (DefectKind kind : DefectKind.values()) {
      assertThat(initial.total(kind)).as(kind.key()).isPositive();
    }
  }

  @Test
  void fileLevelDefectsAreWhereTheManifestSays() throws IOException {
    Path night = landing.resolve("2026-11-24");
    assertThat(Files.readAllBytes(night.resolve("E08000001/acute_apc__resent.csv"))).isEqualTo(Files.readAllBytes(night.resolve("E08000001/acute_apc.csv")));
    assertThat(Files.readAllLines(night.resolve("E08000004/acute_op.csv")).get(0)).contains("NHS_NO").doesNotContain("NHSNO,");
    byte[] truncated = Files.readAllBytes(night.resolve("E08000007/gp_emis_events.csv"));
    assertThat(truncated[truncated.length - 1]).isNotEqualTo((byte) '\n');
    assertThat(isUtf8(Files.readAllBytes(night.resolve("E08000009/gp_tpp_patients.csv")))).isFalse();
    for (Path file : files(landing)) {
      if (file.endsWith("gp_tpp_patients.csv") && file.getParent().endsWith("E08000009") || file.getFileName().toString().equals("_READY")) {
        continue;
      }
      byte[] bytes = Files.readAllBytes(file);
      assertThat(isUtf8(bytes)).as("%s is UTF-8", file).isTrue();
      if (!(file.endsWith("gp_emis_events.csv") && file.getParent().endsWith("E08000007"))) {
        assertThat(bytes[bytes.length - 1]).as("%s ends with a newline", file).isEqualTo((byte) '\n');
      }
    }
    assertThat(initial.fileDefects()).hasSize(6);
    for (Manifest.FileEntry entry : activityFiles(initial)) {
      // contract defects go only into files without a file-level defect (identifier errors and GP2GP copies are content)
      long rowDefects = entry.defects().entrySet().stream()
          .map(e -> Map.entry(DefectKind.valueOf(e.getKey().toUpperCase()), e.getValue()))
          .filter(e -> e.getKey().isRowLevel() && !e.getKey().isIdentifierError() && e.getKey() != DefectKind.CROSS_SYSTEM_DUPLICATE)
          .mapToLong(Map.Entry::getValue).sum();
      boolean fileLevel = SyntheticLanding.plan(org.carelake.geography.Borough.fromOnsCode(entry.borough()).orElseThrow(),
          Feed.valueOf(entry.feed().toUpperCase())) != FeedFile.Plan.NORMAL;
      if (fileLevel) {
        assertThat(rowDefects).as("no row defects in %s", entry.file()).isZero();
      }
    }
  }

  @Test
  void aboutTwoPercentOfPersonsAppearInTwoBoroughs() throws IOException {
    Map<String, Set<String>> boroughsByPerson = new HashMap<>();
    try (Stream<String> lines = Files.lines(truth.resolve("2026-11-24/ground_truth.csv")).skip(1)) {
      lines.forEach(line -> {
        String[] parts = line.split(",", -1);
        boroughsByPerson.computeIfAbsent(parts[5], k -> new HashSet<>()).add(parts[1]);
      });
    }
    long inTwo = boroughsByPerson.values().stream().filter(s -> s.size() > 1).count();
    assertThat((double) inTwo / 20_000).isBetween(0.015, 0.025);
  }

  @Test
  void initialLoadCarriesTheDiabetesHistory() throws IOException {
    long t2dm = 0;
    for (Manifest.FileEntry entry : initial.files()) {
      if (entry.feed().endsWith("_events")) {
        t2dm += Files.readAllLines(landing.resolve("2026-11-24").resolve(entry.file())).stream()
            .filter(l -> l.contains(",44054006,")).count();
      }
    }
    // ~7.6% of adults plus later reviews; 20,000 persons with ~80% adults
    assertThat(t2dm).isBetween(1_000L, 2_200L);
  }

  /** The manifest's files of the activity feeds (the opt-out lists are checked by {@code OptOutListsTest}). */
  private static List<Manifest.FileEntry> activityFiles(Manifest manifest) {
    return manifest.files().stream().filter(f -> !f.feed().endsWith("_opt_out")).toList();
  }

  /** Ground-truth rows by file, then by row number. */
  private static Map<String, Map<Long, String[]>> truthByFile() throws IOException {
    Map<String, Map<Long, String[]>> out = new HashMap<>();
    try (Stream<String> lines = Files.lines(truth.resolve("2026-11-24/ground_truth.csv")).skip(1)) {
      lines.forEach(line -> {
        String[] parts = line.split(",", -1);
        out.computeIfAbsent(parts[2], k -> new HashMap<>()).put(Long.parseLong(parts[3]), parts);
      });
    }
    return out;
  }

  static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  static List<Path> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> contract(Feed feed) throws IOException {
    try (InputStream in = Files.newInputStream(CONTRACTS.resolve(feed.source()).resolve(feed.id() + ".v1.yaml"))) {
      return new Yaml().load(in);
    }
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> properties(Map<String, Object> contract) {
    List<Map<String, Object>> schema = (List<Map<String, Object>>) contract.get("schema");
    return new ArrayList<>((List<Map<String, Object>>) schema.get(0).get("properties"));
  }
}
