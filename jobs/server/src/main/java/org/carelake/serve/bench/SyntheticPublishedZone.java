package org.carelake.serve.bench;

import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.carelake.geography.Borough;
import org.carelake.serve.lake.DeltaAppend;
import org.carelake.serve.view.Filters;

/**
 * Planning tables of the published zone's shape and size for a region of a given population (ten
 * boroughs, 24 months, every setting, age band and sex; every setting by deprivation quintile; ten
 * conditions by deprivation quintile; six measures), with disclosure-controlled values (multiples of 5, 1-7 suppressed), written with
 * Kernel. Their row counts do not depend on the population (they are aggregates); their values do.
 * For the serving benchmark only: the numbers are random, not a model of anything.
 */
public final class SyntheticPublishedZone {
  private static final List<String> BANDS = List.of("0-4", "5-17", "18-34", "35-49", "50-64", "65-79", "80+", "Unknown");
  private static final List<String> SEXES = List.of("F", "M", "I", "U");
  private static final List<String> MEASURES = List.of("discharges_to_social_care_30d", "emergency_admissions_after_primary_care",
      "emergency_readmissions_30d", "frequent_emergency_attenders", "ltc_emergency_care_without_gp_contact", "t2dm_hba1c_12m");

  private SyntheticPublishedZone() {}

  /**
   * Writes gold.monthly_activity, gold.monthly_activity_deprivation, gold.ltc_prevalence, gold.ltc_prevalence_lsoa and gold.measures
   * under {@code lake}; returns the rows written per table.
   */
  public static Map<String, Integer> write(DeltaAppend append, Path lake, long people, LocalDate latestMonth, long seed) {
    Random random = new Random(seed);
    double perBorough = people / 10.0;
    List<Object[]> activity = new ArrayList<>();
    for (int m = 23; m >= 0; m--) {
      LocalDate month = latestMonth.minusMonths(m);
      for (Borough borough : Borough.values()) {
        for (String setting : Filters.SETTINGS) {
          double perPerson = 0.02 + random.nextDouble() * 0.4;
          long totalCount = 0;
          long totalPopulation = 0;
          for (String band : BANDS) {
            for (String sex : SEXES) {
              double share = sex.equals("F") || sex.equals("M") ? 0.49 / 7 : 0.01 / 7;
              long population = publish(Math.round(perBorough * share * (band.equals("Unknown") ? 0.01 : 1)));
              long count = publish(Math.round(population * perPerson * (0.5 + random.nextDouble())));
              totalCount += Math.max(count, 0);
              totalPopulation += Math.max(population, 0);
              activity.add(row(month, borough.onsCode(), setting, band, sex, count, population));
            }
          }
          activity.add(row(month, borough.onsCode(), setting, "all", "all", totalCount, totalPopulation));
        }
      }
    }
    append.append(lake.resolve("gold/monthly_activity").toString(), activitySchema(), Map.of(), activity);

    List<Object[]> prevalence = new ArrayList<>();
    for (int m = 23; m >= 0; m--) {
      LocalDate month = latestMonth.minusMonths(m);
      for (Borough borough : Borough.values()) {
        for (String condition : Filters.CONDITIONS) {
          double rate = 0.005 + random.nextDouble() * 0.15;
          for (String quintile : List.of("all", "1", "2", "3", "4", "5", "unknown")) {
            double share = quintile.equals("all") ? 1 : quintile.equals("unknown") ? 0.0005 : 0.2;
            long population = publish(Math.round(perBorough * share));
            long people2 = publish(Math.round(population * rate));
            prevalence.add(new Object[] {month, borough.onsCode(), condition, quintile, value(people2), status(people2), value(population),
                status(population), rate(people2, population, 1000), rateStatus(people2, population)});
          }
        }
      }
    }
    append.append(lake.resolve("gold/ltc_prevalence").toString(), prevalenceSchema(), Map.of(), prevalence);

    // The latest month by LSOA of residence: about 1,500 people per LSOA, as in England.
    List<Object[]> byLsoa = new ArrayList<>();
    long lsoasPerBorough = Math.max(1, Math.round(perBorough / 1500));
    for (Borough borough : Borough.values()) {
      for (long l = 0; l < lsoasPerBorough; l++) {
        String lsoa = String.format(Locale.ROOT, "E0%07d", borough.ordinal() * 10_000 + l);
        String quintile = Integer.toString(1 + random.nextInt(5));
        long population = publish(Math.round(1500 * (0.6 + random.nextDouble() * 0.8)));
        for (String condition : Filters.CONDITIONS) {
          long people2 = publish(Math.round(Math.max(population, 0) * (0.005 + random.nextDouble() * 0.15)));
          byLsoa.add(new Object[] {latestMonth, borough.onsCode(), lsoa, quintile, condition, value(people2), status(people2),
              value(population), status(population), rate(people2, population, 1000), rateStatus(people2, population)});
        }
      }
    }
    append.append(lake.resolve("gold/ltc_prevalence_lsoa").toString(), lsoaPrevalenceSchema(), Map.of(), byLsoa);

    List<Object[]> measures = new ArrayList<>();
    for (String measure : MEASURES) {
      for (int m = 23; m >= 0; m--) {
        LocalDate end = latestMonth.minusMonths(m).plusMonths(1).minusDays(1);
        List<String> codes = new ArrayList<>();
        Borough.values();
        for (Borough borough : Borough.values()) {
          codes.add(borough.onsCode());
        }
        codes.add("all");
        for (String code : codes) {
          for (String band : List.of("all", "18-34", "35-49", "50-64", "65-79", "80+")) {
            long denominator = publish(Math.round(perBorough * (code.equals("all") ? 10 : 1) * 0.001 * (1 + random.nextDouble())));
            long numerator = publish(Math.round(denominator * random.nextDouble()));
            measures.add(new Object[] {measure, measure.replace('_', ' '), "Synthetic benchmark measure", end.withDayOfMonth(1).minusMonths(11), end,
                code, band, "all", "all", value(numerator), status(numerator), value(denominator), status(denominator),
                rate(numerator, denominator, 100), rateStatus(numerator, denominator)});
          }
        }
      }
    }
    append.append(lake.resolve("gold/measures").toString(), measuresSchema(), Map.of(), measures);

    // Activity by deprivation quintile (written last, so the tables above keep the values they had before it existed).
    List<Object[]> byDeprivation = new ArrayList<>();
    for (int m = 23; m >= 0; m--) {
      LocalDate month = latestMonth.minusMonths(m);
      for (Borough borough : Borough.values()) {
        for (String setting : Filters.SETTINGS) {
          double perPerson = 0.02 + random.nextDouble() * 0.4;
          long totalCount = 0;
          long totalPopulation = 0;
          for (String quintile : List.of("1", "2", "3", "4", "5", "unknown")) {
            double share = quintile.equals("unknown") ? 0.0005 : 0.2;
            long population = publish(Math.round(perBorough * share));
            long count = publish(Math.round(Math.max(population, 0) * perPerson * (0.5 + random.nextDouble())));
            totalCount += Math.max(count, 0);
            totalPopulation += Math.max(population, 0);
            byDeprivation.add(deprivationRow(month, borough.onsCode(), setting, quintile, count, population));
          }
          byDeprivation.add(deprivationRow(month, borough.onsCode(), setting, "all", totalCount, totalPopulation));
        }
      }
    }
    append.append(lake.resolve("gold/monthly_activity_deprivation").toString(), deprivationSchema(), Map.of(), byDeprivation);
    return Map.of("gold.monthly_activity", activity.size(), "gold.monthly_activity_deprivation", byDeprivation.size(),
        "gold.ltc_prevalence", prevalence.size(), "gold.ltc_prevalence_lsoa", byLsoa.size(), "gold.measures", measures.size());
  }

  /** The small-number rule: 0 stays 0, 1-7 suppressed (-1 here), others to the nearest 5. */
  private static long publish(long count) {
    if (count == 0) {
      return 0;
    }
    return count < 8 ? -1 : Math.round(count / 5.0) * 5;
  }

  private static Long value(long published) {
    return published < 0 ? null : published;
  }

  private static String status(long published) {
    return published < 0 ? "suppressed" : published == 0 ? "zero" : "rounded";
  }

  private static Double rate(long numerator, long denominator, int per) {
    return numerator >= 8 && denominator >= 8 ? numerator * (double) per / denominator : null;
  }

  private static String rateStatus(long numerator, long denominator) {
    return numerator >= 8 && denominator >= 8 ? "shown" : "suppressed";
  }

  private static Object[] row(LocalDate month, String borough, String setting, String band, String sex, long count, long population) {
    return new Object[] {month, borough, setting, band, sex, value(count), status(count), value(population), status(population),
        rate(count, population, 1000), rateStatus(count, population)};
  }

  private static Object[] deprivationRow(LocalDate month, String borough, String setting, String quintile, long count, long population) {
    return new Object[] {month, borough, setting, quintile, value(count), status(count), value(population), status(population),
        rate(count, population, 1000), rateStatus(count, population)};
  }

  static StructType deprivationSchema() {
    return new StructType().add("month", DateType.DATE).add("borough_code", StringType.STRING).add("setting", StringType.STRING)
        .add("deprivation_quintile", StringType.STRING).add("activity_count", LongType.LONG)
        .add("activity_count_status", StringType.STRING).add("registered_population", LongType.LONG)
        .add("registered_population_status", StringType.STRING).add("rate_per_1000", DoubleType.DOUBLE)
        .add("rate_per_1000_status", StringType.STRING);
  }

  static StructType activitySchema() {
    return new StructType().add("month", DateType.DATE).add("borough_code", StringType.STRING).add("setting", StringType.STRING)
        .add("age_band", StringType.STRING).add("sex", StringType.STRING).add("activity_count", LongType.LONG)
        .add("activity_count_status", StringType.STRING).add("registered_population", LongType.LONG)
        .add("registered_population_status", StringType.STRING).add("rate_per_1000", DoubleType.DOUBLE)
        .add("rate_per_1000_status", StringType.STRING);
  }

  static StructType prevalenceSchema() {
    return new StructType().add("month", DateType.DATE).add("borough_code", StringType.STRING).add("condition", StringType.STRING)
        .add("deprivation_quintile", StringType.STRING).add("people_with_condition", LongType.LONG)
        .add("people_with_condition_status", StringType.STRING).add("registered_population", LongType.LONG)
        .add("registered_population_status", StringType.STRING).add("prevalence_per_1000", DoubleType.DOUBLE)
        .add("prevalence_per_1000_status", StringType.STRING);
  }

  static StructType lsoaPrevalenceSchema() {
    return new StructType().add("month", DateType.DATE).add("borough_code", StringType.STRING).add("lsoa_code", StringType.STRING)
        .add("deprivation_quintile", StringType.STRING).add("condition", StringType.STRING)
        .add("people_with_condition", LongType.LONG).add("people_with_condition_status", StringType.STRING)
        .add("registered_population", LongType.LONG).add("registered_population_status", StringType.STRING)
        .add("prevalence_per_1000", DoubleType.DOUBLE).add("prevalence_per_1000_status", StringType.STRING);
  }

  static StructType measuresSchema() {
    return new StructType().add("measure_id", StringType.STRING).add("measure_name", StringType.STRING).add("definition", StringType.STRING)
        .add("period_start", DateType.DATE).add("period_end", DateType.DATE).add("borough_code", StringType.STRING)
        .add("age_band", StringType.STRING).add("sex", StringType.STRING).add("deprivation_quintile", StringType.STRING)
        .add("numerator", LongType.LONG).add("numerator_status", StringType.STRING).add("denominator", LongType.LONG)
        .add("denominator_status", StringType.STRING).add("value", DoubleType.DOUBLE).add("value_status", StringType.STRING);
  }
}
