package org.carelake.measure;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.carelake.cohort.CohortDefinition.CodelistReference;
import org.carelake.cohort.Window;
import org.carelake.definition.Keyword;

/**
 * A measure as its definition file ({@code sql/measures/<id>.yaml}) declares it, parsed and checked
 * by {@link MeasureParser}: what is counted (people registered on a day, or events of an activity),
 * which of them make the denominator, which of those also make the numerator, over which periods
 * and broken down by what. Nothing here touches data or Spark; {@link MeasureCompiler} turns every
 * definition into one SQL statement for {@code gold.measures}.
 *
 * @param origin the file it was read from, named in every error
 * @param id the measure's id, also the file's name: {@code t2dm_hba1c_12m}
 * @param description the definition's text, published beside the numbers
 * @param countsPeople whether the counts are of distinct people (else of denominator events)
 */
public record MeasureDefinition(
    String origin,
    String id,
    String name,
    String description,
    Map<String, CodelistReference> codelists,
    Interval interval,
    Denominator denominator,
    List<Criterion> numerator,
    boolean countsPeople,
    List<Grouping> grouping) {

  public MeasureDefinition {
    requireNonNull(origin, "origin is null");
    requireNonNull(id, "id is null");
    requireNonNull(name, "name is null");
    requireNonNull(description, "description is null");
    codelists = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(codelists));
    requireNonNull(interval, "interval is null");
    requireNonNull(denominator, "denominator is null");
    numerator = List.copyOf(numerator);
    grouping = List.copyOf(grouping);
  }

  /**
   * The periods: the last {@code months} calendar months up to the night's month, each period
   * ending with one of them and {@code length} months long (1: by month; 12: rolling 12 months).
   */
  public record Interval(int months, int length) {
    public Interval {
      if (months < 1 || length < 1) {
        throw new IllegalArgumentException("months and length must be positive");
      }
    }
  }

  /** What the denominator counts before its criteria: people registered on a day, or events. */
  public sealed interface Denominator {
    List<Criterion> where();
  }

  /** People registered with a GP practice on each period's last day (the night, for the current month). */
  public record RegisteredPopulation(List<Criterion> where) implements Denominator {
    public RegisteredPopulation {
      where = List.copyOf(where);
    }
  }

  /** Each event from these sources dated within a period, on its own date. */
  public record Events(List<String> sources, List<Criterion> where) implements Denominator {
    public Events {
      sources = List.copyOf(sources);
      where = List.copyOf(where);
    }
  }

  /** One condition on a denominator row, relative to its reference date (the event's date or the period's last day). */
  public sealed interface Criterion {}

  /**
   * At least {@code atLeast} other events from the sources within the window (one unless the
   * definition says {@code at-least: N}, as for frequent attenders).
   */
  public record HasEvent(List<String> sources, Window window, int atLeast) implements Criterion {
    public HasEvent {
      sources = List.copyOf(sources);
      if (atLeast < 1) {
        throw new IllegalArgumentException("atLeast must be at least 1, was " + atLeast);
      }
    }

    public HasEvent(List<String> sources, Window window) {
      this(sources, window, 1);
    }
  }

  /** No other event from the sources within the window. */
  public record NoEvent(List<String> sources, Window window) implements Criterion {
    public NoEvent {
      sources = List.copyOf(sources);
    }
  }

  /** Age in whole years on the reference date, both bounds included; an unknown age fails. */
  public record Age(Optional<Integer> min, Optional<Integer> max) implements Criterion {}

  /** Registered with a GP practice on the reference date. */
  public record Registered() implements Criterion {}

  /** A boolean SQL expression over the row's columns, for what the others cannot say. */
  public record SqlCondition(String expression) implements Criterion {}

  /**
   * Activities a measure may name without codes: each is one silver table's rows on one of its
   * dates.
   */
  public enum Activity implements Keyword {
    GP_CONTACT("gp-contact", "silver.gp_event", "any coded event in the GP record, on its date"),
    OUT_OF_HOURS_CONTACT("out-of-hours-contact", "silver.ooh_contact", "an out-of-hours contact, on its date"),
    HOSPITAL_ADMISSION("hospital-admission", "silver.hospital_spell", "an admitted patient care spell, on its admission date"),
    EMERGENCY_ADMISSION("emergency-admission", "silver.hospital_spell",
        "a spell with an emergency admission method (2x), on its admission date"),
    HOSPITAL_DISCHARGE("hospital-discharge", "silver.hospital_spell", "a spell's discharge, on its discharge date"),
    EMERGENCY_ATTENDANCE("emergency-attendance", "silver.emergency_attendance", "an emergency care attendance, on its arrival date"),
    ADULT_SOCIAL_CARE("adult-social-care", "silver.social_care_service", "the start of an adult social care service");

    private final String keyword;
    private final String table;
    private final String meaning;

    Activity(String keyword, String table, String meaning) {
      this.keyword = keyword;
      this.table = table;
      this.meaning = meaning;
    }

    @Override
    public String keyword() {
      return keyword;
    }

    public String table() {
      return table;
    }

    public String meaning() {
      return meaning;
    }

    public static Optional<Activity> of(String keyword) {
      return Keyword.of(Activity.class, keyword);
    }
  }

  /** What a measure may be broken down by, each one column of {@code gold.measures}. */
  public enum Grouping implements Keyword {
    BOROUGH("borough", "borough_code"),
    AGE_BAND("age-band", "age_band"),
    SEX("sex", "sex"),
    DEPRIVATION_QUINTILE("deprivation-quintile", "deprivation_quintile");

    private final String keyword;
    private final String column;

    Grouping(String keyword, String column) {
      this.keyword = keyword;
      this.column = column;
    }

    @Override
    public String keyword() {
      return keyword;
    }

    public String column() {
      return column;
    }

    public static Optional<Grouping> of(String keyword) {
      return Keyword.of(Grouping.class, keyword);
    }
  }
}
