package org.carelake.serve.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.connect.proto.CommonInlineUserDefinedFunction;
import org.apache.spark.connect.proto.ExecutePlanRequest;
import org.apache.spark.connect.proto.Expression;
import org.apache.spark.connect.proto.Plan;
import org.apache.spark.connect.proto.Project;
import org.apache.spark.connect.proto.Relation;
import org.apache.spark.connect.proto.SQL;
import org.apache.spark.connect.proto.ScalarScalaUDF;
import org.carelake.access.ProjectTokens;
import org.carelake.lake.Lake;
import org.carelake.lake.TableRef;
import org.carelake.lake.Zone;
import org.junit.jupiter.api.Test;

/** The endpoint's plain rules, without Spark: settings a session may change, paths back to tables, server code in a request, the connection string. */
class EndpointRulesTest {
  @Test
  void aSessionMayChangeOnlyHowResultsAreShapedAndSent() {
    assertThat(ClientSettings.settable("spark.sql.session.timeZone")).isTrue();
    assertThat(ClientSettings.settable("spark.sql.execution.arrow.maxRecordsPerBatch")).isTrue();
    assertThat(ClientSettings.settable("spark.sql.catalog.spark_catalog")).isFalse();
    assertThat(ClientSettings.settable("spark.sql.extensions")).isFalse();
    assertThat(ClientSettings.settable("spark.sql.runSQLOnFiles")).isFalse();
    assertThat(ClientSettings.settable("spark.sql.connect.serverStacktrace.enabled")).isFalse();
    assertThat(ClientSettings.settable("spark.hadoop.fs.defaultFS")).isFalse();
  }

  @Test
  void aPathIsTracedBackToItsLakeTableHoweverItIsWritten() {
    Lake lake = new Lake("/data/lake");
    TableRef cohort = lake.gold("cohort_t2dm__demo");
    PublishedTables tables = new PublishedTables("/data/lake/", Map.of(cohort.path(), cohort));

    assertThat(tables.at(new Path("file:/data/lake/gold/cohort_t2dm__demo"))).contains(cohort);
    assertThat(tables.at(new Path("file:///data/lake/gold/cohort_t2dm__demo/"))).contains(cohort);
    assertThat(tables.at(new Path("/data/lake/silver/person"))).map(TableRef::zone).contains(Zone.SILVER);
    assertThat(tables.at(new Path("/data/lake/silver/person"))).map(TableRef::name).contains("person");
    assertThat(tables.at(new Path("/data/lake/gold/cohort_t2dm__demo/part-0.parquet"))).isEmpty();
    assertThat(tables.at(new Path("/elsewhere/gold/cohort_t2dm__demo"))).isEmpty();
  }

  @Test
  void codeForTheServerIsFoundAnywhereInARequest() {
    Expression scalaFunction = Expression.newBuilder().setCommonInlineUserDefinedFunction(CommonInlineUserDefinedFunction.newBuilder()
        .setFunctionName("f").setScalarScalaUdf(ScalarScalaUDF.newBuilder())).build();
    ExecutePlanRequest withCode = ExecutePlanRequest.newBuilder().setPlan(Plan.newBuilder().setRoot(Relation.newBuilder()
        .setProject(Project.newBuilder().addExpressions(scalaFunction)))).build();
    ExecutePlanRequest sql = ExecutePlanRequest.newBuilder().setPlan(Plan.newBuilder().setRoot(Relation.newBuilder()
        .setSql(SQL.newBuilder().setQuery("SELECT 1")))).build();

    assertThat(ServerCode.in(withCode)).contains("ScalarScalaUDF");
    assertThat(ServerCode.in(sql)).isEqualTo(Optional.empty());
  }

  @Test
  void theConnectionStringCarriesTheTokenAndTheProjectAsUserId(@org.junit.jupiter.api.io.TempDir java.nio.file.Path temp) {
    Instant now = Instant.now();
    ProjectTokens.Issued issued = ProjectTokens.issue(temp.resolve("tokens.txt"), "demo", now, now.plusSeconds(3600));

    assertThat(ConnectionString.of("sc://sql.example.org:443", issued))
        .isEqualTo("sc://sql.example.org:443/;token=" + issued.token() + ";user_id=demo");
    assertThatThrownBy(() -> ConnectionString.of("https://sql.example.org", issued)).hasMessageContaining("sc://host:port");
  }
}
