package org.carelake.spark;

import java.io.Serializable;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.types.DataTypes;
import org.carelake.planning.AgeBands;
import org.carelake.planning.DeprivationQuintiles;
import org.carelake.pseudonym.PersonKeys;
import org.carelake.pseudonym.PseudonymKey;
import org.carelake.standardise.Standardise;

/**
 * The functions CareLake's SQL may call. Pseudonym functions derive through {@link PersonKeys}, the
 * single place keys are made; the key reaches executors inside the function object, never through
 * a table, a file or a log.
 */
public final class CareLakeFunctions {
  private CareLakeFunctions() {}

  public static void register(SparkSession spark, PseudonymKey key) {
    registerKeyed(spark, "", key);
    var udf = spark.udf();
    fresh(spark, "std_sex", "std_ethnic_group", "std_dotted_code", "std_postcode", "age_years", "age_band", "deprivation_quintile");
    udf.register("std_sex", (UDF1<String, String>) Standardise::sex, DataTypes.StringType);
    udf.register("std_ethnic_group", (UDF1<String, String>) Standardise::ethnicGroup, DataTypes.StringType);
    udf.register("std_dotted_code", (UDF1<String, String>) Standardise::dottedCode, DataTypes.StringType);
    udf.register("std_postcode", (UDF1<String, String>) Standardise::postcode, DataTypes.StringType);
    udf.register("age_years", (UDF2<LocalDate, LocalDate, Integer>) Standardise::ageYears, DataTypes.IntegerType);
    udf.register("age_band", (UDF1<Integer, String>) AgeBands::of, DataTypes.StringType);
    udf.register("deprivation_quintile", (UDF1<Integer, String>) DeprivationQuintiles::of, DataTypes.StringType);
  }

  /**
   * The pseudonym functions under a key, their names prefixed ({@code old_person_key}, …): a key
   * rotation derives under two keys in one query. Also {@code <prefix>rekeyed_pseudonym}.
   */
  public static void registerKeyed(SparkSession spark, String prefix, PseudonymKey key) {
    Keyed keyed = new Keyed(key.toHex());
    var udf = spark.udf();
    fresh(spark, prefix + "person_key", prefix + "record_key", prefix + "project_pseudonym", prefix + "rekeyed_pseudonym");
    udf.register(prefix + "person_key", (UDF1<String, String>) keyed::personKey, DataTypes.StringType);
    udf.register(prefix + "record_key", (UDF3<String, String, String, String>) keyed::recordKey, DataTypes.StringType);
    udf.register(prefix + "project_pseudonym", (UDF2<String, String, String>) keyed::projectPseudonym, DataTypes.StringType);
    udf.register(prefix + "rekeyed_pseudonym", (UDF1<String, String>) keyed::rekeyedPseudonym, DataTypes.StringType);
  }

  /**
   * Re-registers {@code project_pseudonym} alone under a research project's own key (or the lake
   * key again): the gold stage builds each project's tables under that project's key, and restores
   * the lake key afterwards.
   */
  public static void registerProjectPseudonym(SparkSession spark, PseudonymKey key) {
    Keyed keyed = new Keyed(key.toHex());
    fresh(spark, "project_pseudonym");
    spark.udf().register("project_pseudonym", (UDF2<String, String, String>) keyed::projectPseudonym, DataTypes.StringType);
  }

  /**
   * Drops the session's earlier registration of these functions, if any: a second night in one
   * JVM (the demo), or a command after a night, registers them again, and Spark warns about every
   * function it replaces. The names are CareLake's own, never user input.
   */
  private static void fresh(SparkSession spark, String... names) {
    for (String name : names) {
      spark.sql("DROP TEMPORARY FUNCTION IF EXISTS " + name);
    }
  }

  /** Holds the key as hex for shipping; builds one {@link PersonKeys} per executor JVM. */
  static final class Keyed implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String keyHex;
    private transient PersonKeys keys;

    Keyed(String keyHex) {
      this.keyHex = keyHex;
    }

    private PersonKeys keys() {
      if (keys == null) {
        keys = new PersonKeys(PseudonymKey.fromHex(keyHex));
      }
      return keys;
    }

    /** The pseudonymous key of a linked person (restricted.person_link's person_id); null in, null out. */
    String personKey(String personId) {
      return personId == null ? null : keys().personKey(personId);
    }

    String recordKey(String feed, String borough, String sourceId) {
      return keys().recordKey(feed, borough, sourceId);
    }

    String rekeyedPseudonym(String oldPseudonym) {
      return keys().rekeyedPseudonym(oldPseudonym);
    }

    String projectPseudonym(String project, String personKey) {
      return keys().projectPseudonym(project, personKey);
    }

    @Override
    public String toString() {
      return "Keyed[redacted]";
    }
  }
}
