package org.carelake.nightly;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.carelake.gold.GoldStep;
import org.carelake.ingest.IngestStep;
import org.carelake.link.LinkStep;
import org.carelake.quality.CheckStep;
import org.carelake.quality.QualityStep;
import org.carelake.silver.SilverStep;

/** The nightly stages in the order a night runs them: the one list a new stage is added to. */
public final class Stages {
  private static final List<Stage> ALL =
      List.of(new IngestStep(), new LinkStep(), new QualityStep(), new SilverStep(), new GoldStep(), new CheckStep());

  private Stages() {}

  public static List<Stage> all() {
    return ALL;
  }

  public static Stage parse(String id) {
    String wanted = id.strip().toLowerCase(Locale.ROOT);
    return ALL.stream()
        .filter(stage -> stage.id().equals(wanted))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "unknown stage '" + id + "' (use " + ALL.stream().map(Stage::id).collect(Collectors.joining(", ")) + ")"));
  }

  /** The named stages in night order; no names means every stage. */
  public static List<Stage> select(Collection<String> ids) {
    if (ids.isEmpty()) {
      return ALL;
    }
    List<Stage> wanted = ids.stream().map(Stages::parse).toList();
    List<Stage> ordered = new ArrayList<>();
    for (Stage stage : ALL) {
      if (wanted.contains(stage)) {
        ordered.add(stage);
      }
    }
    return List.copyOf(ordered);
  }

  public static String ids(Collection<Stage> stages) {
    return stages.stream().map(Stage::id).collect(Collectors.joining(","));
  }
}
