package org.carelake.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.apache.spark.sql.SparkSession;
import org.carelake.pseudonym.PersonKeys;
import org.carelake.pseudonym.PseudonymKey;
import org.carelake.testing.TestSpark;
import org.junit.jupiter.api.Test;

/** Registering CareLake's functions again in one session (a second night, a rotation) replaces them cleanly. */
class CareLakeFunctionsIT {
  @Test
  void aSecondRegistrationInOneSessionReplacesTheKeyedFunctions() {
    SparkSession spark = TestSpark.session();
    PseudonymKey first = randomKey();
    PseudonymKey second = randomKey();

    CareLakeFunctions.register(spark, first);
    String underFirst = spark.sql("SELECT person_key('person-1')").head().getString(0);
    CareLakeFunctions.register(spark, first);
    assertThat(spark.sql("SELECT person_key('person-1')").head().getString(0)).isEqualTo(underFirst);
    CareLakeFunctions.register(spark, second);
    String underSecond = spark.sql("SELECT person_key('person-1')").head().getString(0);

    assertThat(underFirst).isEqualTo(new PersonKeys(first).personKey("person-1"));
    assertThat(underSecond).isEqualTo(new PersonKeys(second).personKey("person-1")).isNotEqualTo(underFirst);
    assertThat(spark.sql("SELECT std_sex('f'), age_band(70)").head().getString(0)).isNotNull();
  }

  private static PseudonymKey randomKey() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return PseudonymKey.fromHex(HexFormat.of().formatHex(secret));
  }
}
