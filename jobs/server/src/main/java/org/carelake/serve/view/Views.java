package org.carelake.serve.view;

import java.util.Optional;
import java.util.function.Function;
import org.carelake.serve.lake.PublishedTable;
import org.carelake.serve.lake.TableSnapshot;

/**
 * Builds each page's table and chart from the published tables. Every number comes from a
 * disclosure-controlled gold table: a cell whose status is {@code suppressed} reads "suppressed"
 * (and is a gap in a chart); region figures are sums of published borough totals, which reveal
 * nothing the borough rows do not, and say when a borough's figure was suppressed. No page shows
 * a row-level value: the tables read are aggregates, and only their declared columns are shown.
 */
public final class Views {
  public static final String SUPPRESSED = "suppressed";

  private final ActivityViews activity;
  private final PrevalenceViews prevalence;
  private final DeprivationViews deprivation;
  private final MeasureViews measures;
  private final OperationsViews operations;

  /** {@code tables} gives a table's rows, or empty when the signed-in role may not read it. */
  public Views(Function<PublishedTable, Optional<TableSnapshot>> tables) {
    this.activity = new ActivityViews(tables);
    this.prevalence = new PrevalenceViews(tables);
    this.deprivation = new DeprivationViews(tables);
    this.measures = new MeasureViews(tables);
    this.operations = new OperationsViews(tables);
  }

  public Grid build(Page page, Filters filters) {
    return switch (page) {
      case OVERVIEW -> activity.overview(filters);
      case BOROUGH -> activity.borough(filters);
      case PREVALENCE -> prevalence.prevalence(filters);
      case PREVALENCE_LSOA -> prevalence.prevalenceByLsoa(filters);
      case DEMAND -> activity.demand(filters);
      case DEPRIVATION -> deprivation.deprivation(filters);
      case MEASURES -> measures.measures(filters);
      case FRESHNESS -> operations.freshness();
      case QUALITY -> operations.quality(filters);
    };
  }
}
