package org.carelake.link;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.nightly.NightlyResult;
import org.carelake.nightly.NightlyRun;
import org.carelake.nightly.Progress;
import org.carelake.nightly.Stages;
import org.carelake.pseudonym.PseudonymKey;
import org.carelake.run.Settings;
import org.carelake.synthetic.DefectRates;
import org.carelake.synthetic.ExtractKind;
import org.carelake.synthetic.GeneratorSettings;
import org.carelake.synthetic.SyntheticLanding;
import org.carelake.testing.SharedLakes;
import org.carelake.testing.TestLakes;
import org.carelake.testing.TestSpark;
import org.junit.jupiter.api.Test;

/**
 * The link stage gives the same links whether it broadcasts the night's side of its joins with the
 * master person index (a normal night's few records) or shuffles both sides (a first night's
 * many): a 120-person initial extract at the test preset's identifier-error rates (records without
 * numbers, typos, swapped dates, so every pass and the Fellegi–Sunter scoring have work) is linked
 * with the default limit, then linked again from the same landed rows and model with {@code
 * linkage.broadcast-up-to=0}; then the generator's next night is linked on both lakes.
 */
class LinkBroadcastIT {
  private static final LocalDate NIGHT = LocalDate.parse("2026-11-23");
  private static final LocalDate NEXT_NIGHT = NIGHT.plusDays(1);
  private static final PseudonymKey KEY = PseudonymKey.fromHex("5c".repeat(32));
  /** The link stage's tables but its model, which the second linking must reuse to be comparable. */
  private static final List<String> LINK_OUTPUTS =
      List.of("identity", "identity_sighting", "person_link", "link_change", "link_event", "clerical_review");

  @Test
  void shufflingTheIndexInsteadOfBroadcastingTheNightGivesTheSameLinks() throws IOException {
    DeltaIo io = new DeltaIo(TestSpark.session());
    Path broadcastWork = SharedLakes.scratch("carelake-link-broadcast");
    GeneratorSettings generator = new GeneratorSettings(NIGHT, 120, 5, DefectRates.testPreset(), ExtractKind.INITIAL);
    new SyntheticLanding(generator).generate(broadcastWork.resolve("landing"), broadcastWork.resolve("truth"));
    new SyntheticLanding(generator.withExtract(ExtractKind.INCREMENT).withNight(NEXT_NIGHT))
        .generate(broadcastWork.resolve("landing"), broadcastWork.resolve("truth"));
    Settings broadcasting = TestLakes.settings(broadcastWork);
    assertThat(broadcasting.linkage().broadcastUpTo()).as("the default broadcasts a small night").isGreaterThan(1000);
    run(io, broadcasting, NIGHT, "ingest", "link");
    run(io, broadcasting, NEXT_NIGHT, "ingest"); // ingest does not read the links: once for both lakes

    Path shuffledWork = SharedLakes.scratch("carelake-link-shuffled");
    SharedLakes.copyTree(broadcastWork, shuffledWork);
    Settings shuffling = TestLakes.settings(shuffledWork).with("linkage.broadcast-up-to", "0");
    Lake shuffled = new Lake(shuffling.lakeRoot());
    for (String table : LINK_OUTPUTS) {
      deleteTree(Path.of(shuffled.restricted(table).path()));
    }
    run(io, shuffling, NIGHT, "link");
    Lake broadcast = new Lake(broadcasting.lakeRoot());
    assertThat(links(io, broadcast).filter(col("method").equalTo("probabilistic")).count()).as("some linked by score").isPositive();
    assertThat(links(io, broadcast).filter(col("method").equalTo("founder")).count()).as("persons founded").isGreaterThan(100);
    assertSameLinks(io, broadcast, shuffled);

    // The next night's few records against the first night's index: the case the broadcasts are for.
    run(io, broadcasting, NEXT_NIGHT, "link");
    run(io, shuffling, NEXT_NIGHT, "link");
    assertThat(links(io, broadcast).filter(col("linked_night").equalTo(java.sql.Date.valueOf(NEXT_NIGHT))).count())
        .as("records linked on the second night").isPositive();
    assertSameLinks(io, broadcast, shuffled);
  }

  private static void assertSameLinks(DeltaIo io, Lake one, Lake other) {
    Dataset<Row> before = links(io, one);
    Dataset<Row> after = links(io, other);
    assertThat(before.exceptAll(after).count()).isZero();
    assertThat(after.exceptAll(before).count()).isZero();
    Dataset<Row> reviewBefore = io.read(one.restricted("clerical_review")).select("identity_id", "candidate_person_id");
    Dataset<Row> reviewAfter = io.read(other.restricted("clerical_review")).select("identity_id", "candidate_person_id");
    assertThat(reviewBefore.exceptAll(reviewAfter).count() + reviewAfter.exceptAll(reviewBefore).count()).isZero();
  }

  private static void run(DeltaIo io, Settings settings, LocalDate night, String... stages) {
    NightlyResult result = new NightlyRun(io, settings, Optional.of(KEY), night, Stages.select(List.of(stages)), Optional.empty(),
        Optional.empty(), Progress.silent(),
        java.time.Clock.fixed(night.plusDays(1).atTime(2, 0).toInstant(java.time.ZoneOffset.UTC), java.time.ZoneOffset.UTC)).run();
    assertThat(result.outcome()).as(result.message()).isNotEqualTo(NightlyResult.Outcome.FAILED);
  }

  private static Dataset<Row> links(DeltaIo io, Lake lake) {
    return io.read(lake.restricted("person_link"))
        .select("identity_id", "person_id", "method", "match_probability", "rule_version", "linked_night");
  }

  private static void deleteTree(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (var paths = Files.walk(folder)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
