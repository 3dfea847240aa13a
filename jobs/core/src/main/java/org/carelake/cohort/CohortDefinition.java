package org.carelake.cohort;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.carelake.definition.Keyword;

/**
 * A cohort as its definition file ({@code sql/cohorts/<name>.yaml}) declares it, parsed and checked
 * by {@link CohortParser}: which people enter (the index rule within the study period), who stays
 * (inclusion and exclusion criteria, in order, each counted in the attrition table), and what is
 * published about each (attributes and named covariates). Nothing here touches data or Spark; {@link
 * CohortCompiler} turns it into SQL.
 *
 * @param origin the file it was read from, named in every error
 * @param name the dataset name, also the file's name: {@code cohort_asthma}
 * @param projects the research projects that may receive it; empty means any project listing it
 * @param codelists the lists it uses, by the alias the rest of the file calls them
 * @param studyEnd the last day of the study; empty means the night being built
 */
public record CohortDefinition(
    String origin,
    String name,
    List<String> projects,
    String description,
    Map<String, CodelistReference> codelists,
    LocalDate studyStart,
    Optional<LocalDate> studyEnd,
    IndexRule index,
    List<Criterion> inclusion,
    List<Criterion> exclusion,
    List<Covariate> covariates,
    List<Attribute> attributes) {

  public CohortDefinition {
    requireNonNull(origin, "origin is null");
    requireNonNull(name, "name is null");
    projects = List.copyOf(projects);
    requireNonNull(description, "description is null");
    codelists = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(codelists));
    requireNonNull(studyStart, "studyStart is null");
    requireNonNull(studyEnd, "studyEnd is null");
    requireNonNull(index, "index is null");
    inclusion = List.copyOf(inclusion);
    exclusion = List.copyOf(exclusion);
    covariates = List.copyOf(covariates);
    attributes = List.copyOf(attributes);
  }

  /** The attrition dataset published beside the cohort. */
  public String attritionName() {
    return name + "_attrition";
  }

  /** Whether a project may receive this cohort: any project, when the definition names none. */
  public boolean allows(String projectId) {
    return projects.isEmpty() || projects.contains(projectId);
  }

  /** A codelist by id and version, as the manifest names it: {@code asthma-snomed@1}. */
  public record CodelistReference(String id, int version) {
    public CodelistReference {
      requireNonNull(id, "id is null");
    }

    @Override
    public String toString() {
      return id + "@" + version;
    }

    /** The view the gold stage registers the list as: {@code codelist_asthma_snomed_v1}. */
    public String view() {
      return "codelist_" + id.replace('-', '_') + "_v" + version;
    }
  }

  /** Where a person's events come from: a codelist alias, or an activity that needs no codes. */
  public enum Activity implements Keyword {
    HOSPITAL_ADMISSION("hospital-admission", "silver.hospital_spell"),
    ADULT_SOCIAL_CARE("adult-social-care", "silver.social_care_service");

    private final String keyword;
    private final String table;

    Activity(String keyword, String table) {
      this.keyword = keyword;
      this.table = table;
    }

    @Override
    public String keyword() {
      return keyword;
    }

    public String table() {
      return table;
    }

    public static Optional<Activity> of(String keyword) {
      return Keyword.of(Activity.class, keyword);
    }
  }

  /** How the index date is found. */
  public sealed interface IndexRule {
    String describe();
  }

  /** The first event from any of these sources within the study period. */
  public record FirstEvent(List<String> sources) implements IndexRule {
    public FirstEvent {
      sources = List.copyOf(sources);
    }

    @Override
    public String describe() {
      return "first event from " + String.join(", ", sources) + " within the study period";
    }
  }

  /**
   * The first day within the study period on which the person has had events from at least {@code
   * count} of the named conditions (each a list of sources), counting events since ever or only
   * since the study start.
   */
  public record AtLeast(int count, Map<String, List<String>> conditions, boolean sinceStudyStart) implements IndexRule {
    public AtLeast {
      Map<String, List<String>> copy = new LinkedHashMap<>();
      conditions.forEach((condition, sources) -> copy.put(condition, List.copyOf(sources)));
      conditions = java.util.Collections.unmodifiableMap(copy);
    }

    @Override
    public String describe() {
      return "first day within the study period with events from at least " + count + " of " + String.join(", ", conditions.keySet())
          + (sinceStudyStart ? " (events since the study start)" : " (events at any time)");
    }
  }

  /** One inclusion or exclusion rule; its description is what the attrition table shows. */
  public sealed interface Criterion {
    String description();
  }

  /** Age in whole years at the index date, both bounds included; an unknown age fails. */
  public record AgeAtIndex(String description, Optional<Integer> min, Optional<Integer> max) implements Criterion {}

  /** Registered with a GP practice on the index date (registered on or before it, not deregistered or dead by then). */
  public record RegisteredAtIndex(String description) implements Criterion {}

  /** At least one event from these sources within the window around the index date. */
  public record HasEvent(String description, List<String> sources, Window window) implements Criterion {
    public HasEvent {
      sources = List.copyOf(sources);
    }
  }

  /** A boolean SQL expression over the candidate's columns, for what the other kinds cannot say. */
  public record SqlCondition(String description, String expression) implements Criterion {}

  /** What a covariate computes from the events of its sources within its window. */
  public enum CovariateKind implements Keyword {
    LATEST_VALUE("latest-value", "DOUBLE"),
    ANY_EVENT("any-event", "BOOLEAN"),
    FIRST_DATE("first-date", "DATE"),
    LATEST_DATE("latest-date", "DATE"),
    EVENT_COUNT("event-count", "INT");

    private final String keyword;
    private final String type;

    CovariateKind(String keyword, String type) {
      this.keyword = keyword;
      this.type = type;
    }

    @Override
    public String keyword() {
      return keyword;
    }

    public String sqlType() {
      return type;
    }

    public static Optional<CovariateKind> of(String keyword) {
      return Keyword.of(CovariateKind.class, keyword);
    }
  }

  /** A named covariate: one column of the cohort table. */
  public record Covariate(String name, CovariateKind kind, List<String> sources, Window window, String description) {
    public Covariate {
      sources = List.copyOf(sources);
    }
  }

  /** The person's attributes a cohort may publish, each as one column. */
  public enum Attribute implements Keyword {
    AGE_BAND("age-band", "age_band", "age band at the index date (0-4, 5-17, 18-34, 35-49, 50-64, 65-79, 80+, Unknown)"),
    SEX("sex", "sex", "M, F, I (indeterminate) or U (unknown)"),
    ETHNIC_GROUP("ethnic-group", "ethnic_group", "White, Mixed, Asian, Black, Other or Not stated"),
    DEPRIVATION_QUINTILE("deprivation-quintile", "deprivation_quintile", "IMD quintile of the LSOA of residence (1 = most deprived)"),
    BOROUGH("borough", "borough_code", "ONS code of the borough of the registered practice");

    private final String keyword;
    private final String column;
    private final String meaning;

    Attribute(String keyword, String column, String meaning) {
      this.keyword = keyword;
      this.column = column;
      this.meaning = meaning;
    }

    @Override
    public String keyword() {
      return keyword;
    }

    public String column() {
      return column;
    }

    public String meaning() {
      return meaning;
    }

    public static Optional<Attribute> of(String keyword) {
      return Keyword.of(Attribute.class, keyword);
    }
  }
}
