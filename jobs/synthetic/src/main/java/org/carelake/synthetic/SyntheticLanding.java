package org.carelake.synthetic;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import org.carelake.geography.Borough;

/**
 * Writes one night's landing zone of synthetic extracts for the ten boroughs:
 * {@code <landingRoot>/<YYYY-MM-DD>/<borough ONS code>/<feed_id>.csv} and, once a borough is
 * complete, an empty {@code _READY} marker. Ground truth and the manifest go to
 * {@code <groundTruthRoot>/<YYYY-MM-DD>/ground_truth.csv} and {@code manifest.json}, which must
 * lie outside the landing zone. Each borough also sends its opt-out lists ({@link OptOutLists}),
 * with their truth in {@code opt_outs.csv}.
 *
 * <p>The population is streamed borough by borough; nothing per person is kept in memory.
 */
public final class SyntheticLanding {
  /** Where the file-level defects go: fixed, so tests and the lead's reconciliation can rely on them. */
  static final Borough RESENT_APC = Borough.BOLTON;
  static final Borough RESENT_MH = Borough.SALFORD;
  static final Borough RESENT_COMMUNITY = Borough.WIGAN;
  static final Borough RENAMED = Borough.OLDHAM; // acute_op: NHSNO -> NHS_NO
  static final Borough NON_UTF8 = Borough.TRAFFORD; // gp_tpp_patients in windows-1252
  static final Borough TRUNCATED = Borough.STOCKPORT; // gp_emis_events cut in its last row

  private final GeneratorSettings settings;

  public SyntheticLanding(GeneratorSettings settings) {
    this.settings = requireNonNull(settings, "settings is null");
  }

  public Manifest generate(Path landingRoot, Path groundTruthRoot) {
    Path landing = landingRoot.toAbsolutePath().normalize();
    Path truthRoot = groundTruthRoot.toAbsolutePath().normalize();
    if (truthRoot.startsWith(landing) || landing.startsWith(truthRoot)) {
      throw new IllegalArgumentException("ground truth must lie outside the landing zone (and not contain it): "
          + groundTruthRoot + " vs " + landingRoot);
    }
    String night = settings.night().toString();
    Path nightFolder = landing.resolve(night);
    Path truthFolder = truthRoot.resolve(night);
    Population population = new Population(settings.seed(), settings.persons(), settings.calibrated());
    NightActivity activity = new NightActivity(settings).revising(Revisions.lookingBack(settings, truthRoot));
    OptOutLists optOuts = new OptOutLists(settings, population);
    List<Manifest.FileEntry> entries = new ArrayList<>();
    try {
      Files.createDirectories(truthFolder);
      try (GroundTruth truth = new GroundTruth(truthFolder.resolve("ground_truth.csv"))) {
        for (Borough borough : Borough.values()) {
          Path folder = nightFolder.resolve(borough.onsCode());
          Files.createDirectories(folder);
          Files.deleteIfExists(folder.resolve("_READY"));
          EnumMap<Feed, FeedFile> files = new EnumMap<>(Feed.class);
          for (Feed feed : Feed.values()) {
            files.put(feed, new FeedFile(feed, borough, folder, plan(borough, feed), settings.rates(), settings.seed(), settings.night(), truth));
          }
          for (long index = population.firstIndex(borough); index < population.endIndex(borough); index++) {
            activity.write(population.person(index), borough, files);
          }
          for (long index = 0; index < population.size(); index++) {
            if (index == population.firstIndex(borough)) {
              index = population.endIndex(borough) - 1; // skip the borough's own residents
              continue;
            }
            if (population.previousBorough(index) == borough) {
              activity.write(population.person(index), borough, files);
            }
          }
          for (FeedFile file : files.values()) {
            entries.addAll(file.close());
          }
          entries.addAll(optOuts.write(borough, folder, truthFolder));
          Files.createFile(folder.resolve("_READY"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the landing zone for " + night, e);
    }
    long sharing = Math.max(0, settings.persons() - NhsNumbers.CAPACITY) * 2;
    Manifest manifest = new Manifest(night, settings.persons(), settings.seed(), settings.extract().name().toLowerCase(java.util.Locale.ROOT),
        settings.historyYears(),
        NhsNumbers.CAPACITY, Math.min(sharing, settings.persons()), fileDefects(), entries);
    manifest.writeJson(truthFolder.resolve("manifest.json"));
    return manifest;
  }

  static FeedFile.Plan plan(Borough borough, Feed feed) {
    if ((borough == RESENT_APC && feed == Feed.ACUTE_APC) || (borough == RESENT_MH && feed == Feed.MH_CONTACTS)
        || (borough == RESENT_COMMUNITY && feed == Feed.COMMUNITY_CONTACTS)) {
      return FeedFile.Plan.RESENT;
    }
    if (borough == RENAMED && feed == Feed.ACUTE_OP) {
      return FeedFile.Plan.RENAMED_COLUMN;
    }
    if (borough == NON_UTF8 && feed == Feed.GP_TPP_PATIENTS) {
      return FeedFile.Plan.NON_UTF8;
    }
    if (borough == TRUNCATED && feed == Feed.GP_EMIS_EVENTS) {
      return FeedFile.Plan.TRUNCATED;
    }
    return FeedFile.Plan.NORMAL;
  }

  private static List<Manifest.FileDefect> fileDefects() {
    return List.of(
        new Manifest.FileDefect(DefectKind.RESENT_FILE.key(), RESENT_APC.onsCode(), "acute_apc", RESENT_APC.onsCode() + "/acute_apc__resent.csv", "byte-identical copy of acute_apc.csv"),
        new Manifest.FileDefect(DefectKind.RESENT_FILE.key(), RESENT_MH.onsCode(), "mh_contacts", RESENT_MH.onsCode() + "/mh_contacts__resent.csv", "byte-identical copy of mh_contacts.csv"),
        new Manifest.FileDefect(DefectKind.RESENT_FILE.key(), RESENT_COMMUNITY.onsCode(), "community_contacts", RESENT_COMMUNITY.onsCode() + "/community_contacts__resent.csv", "byte-identical copy of community_contacts.csv"),
        new Manifest.FileDefect(DefectKind.RENAMED_COLUMN.key(), RENAMED.onsCode(), "acute_op", RENAMED.onsCode() + "/acute_op.csv", "header NHSNO renamed to NHS_NO"),
        new Manifest.FileDefect(DefectKind.NON_UTF8_FILE.key(), NON_UTF8.onsCode(), "gp_tpp_patients", NON_UTF8.onsCode() + "/gp_tpp_patients.csv", "windows-1252; first row's first_name is Zo\\u00eb (0xEB)"),
        new Manifest.FileDefect(DefectKind.TRUNCATED_ROW.key(), TRUNCATED.onsCode(), "gp_emis_events", TRUNCATED.onsCode() + "/gp_emis_events.csv", "last row cut mid-way, no trailing newline"));
  }
}
