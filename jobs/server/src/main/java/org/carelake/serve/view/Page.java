package org.carelake.serve.view;

import java.util.List;
import java.util.Optional;
import org.carelake.serve.lake.PublishedTable;

/**
 * The dashboard's pages: each has a path, a title, the tables it must read (all must be allowed
 * for the signed-in role) and the tables it shows when the role may read them. The path is the
 * page's HTML; {@code /data/<path>.json} and {@code .csv} give the same table.
 */
public enum Page {
  OVERVIEW("overview", "Region overview", List.of(PublishedTable.MONTHLY_ACTIVITY), List.of()),
  BOROUGH("borough", "Borough", List.of(PublishedTable.MONTHLY_ACTIVITY), List.of()),
  PREVALENCE("prevalence", "Long-term conditions", List.of(PublishedTable.LTC_PREVALENCE), List.of()),
  DEMAND("demand", "Demand by age and sex", List.of(PublishedTable.MONTHLY_ACTIVITY), List.of()),
  DEPRIVATION("deprivation", "Activity by deprivation", List.of(PublishedTable.MONTHLY_ACTIVITY_DEPRIVATION), List.of()),
  /** Part of the long-term conditions page (not in the navigation): a borough's LSOAs ranked by prevalence. */
  PREVALENCE_LSOA("prevalence-lsoa", "Long-term conditions by LSOA", List.of(PublishedTable.LTC_PREVALENCE_LSOA), List.of()),
  MEASURES("measures", "Cross-organisation measures", List.of(PublishedTable.MEASURES), List.of()),
  FRESHNESS("freshness", "Data freshness",
      List.of(PublishedTable.MONTHLY_ACTIVITY, PublishedTable.LTC_PREVALENCE, PublishedTable.MEASURES),
      List.of(PublishedTable.LTC_PREVALENCE_LSOA, PublishedTable.MONTHLY_ACTIVITY_DEPRIVATION, PublishedTable.RUNS)),
  QUALITY("quality", "Data quality by feed", List.of(PublishedTable.DATA_QUALITY), List.of());

  private final String path;
  private final String title;
  private final List<PublishedTable> reads;
  private final List<PublishedTable> readsWhenAllowed;

  Page(String path, String title, List<PublishedTable> reads, List<PublishedTable> readsWhenAllowed) {
    this.path = path;
    this.title = title;
    this.reads = reads;
    this.readsWhenAllowed = readsWhenAllowed;
  }

  public String path() {
    return path;
  }

  public String title() {
    return title;
  }

  public List<PublishedTable> reads() {
    return reads;
  }

  public List<PublishedTable> readsWhenAllowed() {
    return readsWhenAllowed;
  }

  /** The pages shown below this one's table, on the same screen, each with its own chart, table and CSV. */
  public List<Page> parts() {
    return this == PREVALENCE ? List.of(PREVALENCE_LSOA) : List.of();
  }

  /** Whether the navigation offers the page (a part is reached through the page it belongs to). */
  public boolean inNavigation() {
    return this != PREVALENCE_LSOA;
  }

  /** The page of this exact path segment (a closed list: nothing else is ever looked up). */
  public static Optional<Page> of(String path) {
    for (Page page : values()) {
      if (page.path.equals(path)) {
        return Optional.of(page);
      }
    }
    return Optional.empty();
  }
}
