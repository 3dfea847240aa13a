package org.carelake.nightly;

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
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.pseudonym.PseudonymKey;
import org.carelake.run.Settings;
import org.carelake.synthetic.DefectRates;
import org.carelake.synthetic.ExtractKind;
import org.carelake.synthetic.GeneratorSettings;
import org.carelake.synthetic.SyntheticLanding;
import org.carelake.testing.SharedLakes;
import org.carelake.testing.TestLakes;
import org.carelake.testing.TestSpark;

/**
 * One small first night (150 synthetic people in the ten boroughs, default defect rates, ingest to
 * gold under a random test key), built once per Maven run ({@link SharedLakes}), and a private copy
 * of it for each test class that asks: disclosure control, opt-outs and the data engineer's
 * commands (subject access, erasure, key rotation) each change or read a whole lake, and a night
 * costs far more than copying one. The copy is a folder holding {@code landing/}, {@code truth/}
 * (the generator's ground truth), {@code lake/} and {@code test.key}.
 */
public final class SmallNight {
  public static final LocalDate NIGHT = LocalDate.parse("2026-11-23");
  public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T02:00:00Z"), ZoneOffset.UTC);
  public static final String KEY_ID = "small-night";
  public static final int PERSONS = 150;

  /** A test class's own copy of the night. */
  public record Copy(Path work, Path keyFile, PseudonymKey key, Settings settings, Lake lake) {}

  private SmallNight() {}

  public static Copy copy(String prefix) throws IOException {
    Path work = SharedLakes.copy("small-night", prefix, SmallNight::build);
    Settings settings = TestLakes.settings(work);
    Path keyFile = work.resolve("test.key");
    return new Copy(work, keyFile, PseudonymKey.fromFile(keyFile), settings, new Lake(settings.lakeRoot()));
  }

  private static void build(Path work) throws IOException {
    PseudonymKey key = PseudonymKey.of(KEY_ID, 1, HexFormat.of().formatHex(new SecureRandom().generateSeed(32)));
    Files.writeString(work.resolve("test.key"), key.toText() + "\n");
    new SyntheticLanding(new GeneratorSettings(NIGHT, PERSONS, 11, DefectRates.defaults(), ExtractKind.INITIAL))
        .generate(work.resolve("landing"), work.resolve("truth"));
    NightlyResult result = new NightlyRun(new DeltaIo(TestSpark.session()), TestLakes.settings(work), Optional.of(key), NIGHT,
        Stages.select(List.of("ingest", "link", "quality", "silver", "gold")), Optional.empty(), Optional.empty(),
        Progress.silent(), CLOCK).run();
    assertThat(result.outcome()).as(result.message()).isNotEqualTo(NightlyResult.Outcome.FAILED);
  }
}
