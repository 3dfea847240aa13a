package org.carelake.serve.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.objects.StaticInvoke;
import org.apache.spark.sql.types.DataTypes;
import org.carelake.error.CareLakeException;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/** The researchers' disclosure SQL functions: the gold stage's small-number rule, one count at a time, without Spark. */
class DisclosureFunctionsTest {
  @Test
  void aCountIsPublishedAsZeroSuppressedOrRoundedToFive() {
    assertThat(DisclosureFunctions.disclose(0)).isEqualTo(0L);
    assertThat(DisclosureFunctions.disclose(1)).isNull();
    assertThat(DisclosureFunctions.disclose(7)).isNull();
    assertThat(DisclosureFunctions.disclose(8)).isEqualTo(10L);
    assertThat(DisclosureFunctions.disclose(12)).isEqualTo(10L);
    assertThat(DisclosureFunctions.disclose(13)).isEqualTo(15L);
    assertThat(DisclosureFunctions.disclose(1_234)).isEqualTo(1_235L);
  }

  @Test
  void theStatusSaysHowACountWasPublished() {
    assertThat(DisclosureFunctions.disclosureStatus(0).toString()).isEqualTo("zero");
    assertThat(DisclosureFunctions.disclosureStatus(5).toString()).isEqualTo("suppressed");
    assertThat(DisclosureFunctions.disclosureStatus(9).toString()).isEqualTo("rounded");
  }

  @Test
  void aRateIsShownOnlyWhenBothCountsAreAtLeastEightAndComesFromTheRoundedCounts() {
    assertThat(DisclosureFunctions.discloseRate(12, 98, 1000)).isEqualTo(100.0); // 10 / 100
    assertThat(DisclosureFunctions.discloseRate(7, 98, 1000)).isNull();
    assertThat(DisclosureFunctions.discloseRate(12, 7, 1000)).isNull();
    assertThat(DisclosureFunctions.discloseRate(0, 98, 1000)).isNull();
  }

  @Test
  void aNegativeCountOrPerIsRefusedWithAMessage() {
    assertThatThrownBy(() -> DisclosureFunctions.disclose(-1)).isInstanceOf(CareLakeException.class).hasMessageContaining("negative");
    assertThatThrownBy(() -> DisclosureFunctions.discloseRate(10, 10, 0)).hasMessageContaining("per must be at least 1");
  }

  @Test
  void eachFunctionBuildsACallOfItsMethodAndRefusesTheWrongNumberOfArguments() {
    var definitions = DisclosureFunctions.definitions();
    assertThat(definitions).extracting(d -> d._1().funcName()).containsExactly("disclose", "disclosure_status", "disclose_rate");
    Expression disclose = definitions.get(0)._3().apply(CollectionConverters.asScala(List.<Expression>of(Literal.create(12L,
        DataTypes.LongType))).toList());
    assertThat(disclose).isInstanceOf(StaticInvoke.class);
    assertThat(disclose.eval(null)).isEqualTo(10L);
    assertThat(disclose.dataType()).isEqualTo(DataTypes.LongType);
    Expression status = definitions.get(1)._3().apply(CollectionConverters.asScala(List.<Expression>of(Literal.create(3L,
        DataTypes.LongType))).toList());
    assertThat(status.eval(null).toString()).isEqualTo("suppressed");
    assertThatThrownBy(() -> definitions.get(2)._3().apply(CollectionConverters.asScala(List.<Expression>of(Literal.create(3L,
        DataTypes.LongType))).toList())).hasMessageContaining("disclose_rate takes 3 arguments, not 1");
  }
}
