package org.carelake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
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
import org.carelake.testing.TestLakes;
import org.carelake.testing.TestSpark;

/**
 * One small first night (150 synthetic people in the ten boroughs, default defect rates, ingest to
 * gold) built once per test JVM, and a private copy of it for each test class that asks: the data
 * engineer's commands (subject access, erasure, key rotation) each change or read a whole lake, and
 * a night costs far more than copying one. The copy is a folder holding {@code landing/},
 * {@code truth/} (the generator's ground truth), {@code lake/} and {@code test.key}; Delta's logs
 * name their files relative to the table, so a copied lake is a lake.
 */
final class SmallNight {
  static final LocalDate NIGHT = LocalDate.parse("2026-11-23");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T02:00:00Z"), ZoneOffset.UTC);
  static final String KEY_ID = "cli-it";

  private static Path template;
  private static PseudonymKey key;

  /** A test class's own copy of the night. */
  record Copy(Path work, Path keyFile, PseudonymKey key, Settings settings, Lake lake) {}

  private SmallNight() {}

  static synchronized Copy copy(String prefix) throws IOException {
    if (template == null) {
      build();
    }
    Path work = Files.createTempDirectory(prefix);
    try (Stream<Path> files = Files.walk(template)) {
      for (Path from : files.toList()) {
        Path to = work.resolve(template.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
    Settings settings = TestLakes.settings(work);
    return new Copy(work, work.resolve("test.key"), key, settings, new Lake(settings.lakeRoot()));
  }

  private static void build() throws IOException {
    Path work = Files.createTempDirectory("carelake-small-night");
    PseudonymKey made = PseudonymKey.of(KEY_ID, 1, HexFormat.of().formatHex(new SecureRandom().generateSeed(32)));
    Files.writeString(work.resolve("test.key"), made.toText() + "\n");
    new SyntheticLanding(new GeneratorSettings(NIGHT, 150, 11, DefectRates.defaults(), ExtractKind.INITIAL))
        .generate(work.resolve("landing"), work.resolve("truth"));
    NightlyResult result = new NightlyRun(new DeltaIo(TestSpark.session()), TestLakes.settings(work), Optional.of(made), NIGHT,
        Stages.select(List.of("ingest", "link", "quality", "silver", "gold")), Optional.empty(), Optional.empty(),
        Progress.silent(), CLOCK).run();
    assertThat(result.outcome()).as(result.message()).isNotEqualTo(NightlyResult.Outcome.FAILED);
    key = made;
    template = work;
  }
}
