package org.carelake.audit;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.access.AccessPolicy;
import org.carelake.error.CareLakeException;
import org.carelake.error.ErrorCategory;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.TableRef;
import org.carelake.lake.Zone;
import org.carelake.testing.TestSpark;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Access policy and audit on real Delta tables: a researcher of one project is refused another
 * project's table and the refusal is audited; only the IG auditor reads the audit trail; and the
 * audit table itself refuses every change but an append.
 */
class GovernedAccessIT {
  static final Path SQL = Path.of("../../sql");
  static final AccessPolicy POLICY = AccessPolicy.parse("""
      apiVersion: carelake/v1
      kind: AccessPolicy
      roles:
        researcher:
          project: required
          grants:
            - {zone: gold, tables: [project], actions: [read]}
        data-engineer:
          purposes: [data engineering investigation]
          grants:
            - {zone: ops, tables: ["*"], actions: [read]}
            - {zone: gold, tables: ["*"], actions: [read]}
        ig-auditor:
          purposes: [audit of access]
          grants:
            - {zone: ops, tables: [audit], actions: [read]}
      projects:
        alpha:
          title: Heart failure outcomes
          purpose: heart failure outcomes
          expires: 2027-06-30
          datasets: [cohort]
          key: derived
        beta:
          title: Asthma in children
          purpose: asthma in children
          expires: 2027-06-30
          datasets: [cohort]
          key: derived
      """, "two-projects.yaml");
  static final StructType COHORT = DataTypes.createStructType(List.of(
      DataTypes.createStructField("patient_id", DataTypes.StringType, false),
      DataTypes.createStructField("birth_year", DataTypes.IntegerType, true)));

  @TempDir Path work;
  SparkSession spark;
  DeltaIo io;
  Lake lake;
  AuditLog audit;
  GovernedAccess access;

  @BeforeEach
  void lake() {
    spark = TestSpark.session();
    io = new DeltaIo(spark);
    lake = new Lake(work.resolve("lake").toString());
    audit = new AuditLog(io, lake, SQL);
    access = new GovernedAccess(POLICY, audit, io, Clock.fixed(Instant.parse("2026-11-25T09:00:00Z"), ZoneOffset.UTC));
    cohort("cohort__alpha", 3);
    cohort("cohort__beta", 2);
  }

  private void cohort(String name, int rows) {
    List<Row> list = new java.util.ArrayList<>();
    for (int i = 0; i < rows; i++) {
      list.add(RowFactory.create("p" + name.charAt(7) + i, 1950 + i));
    }
    io.overwrite(spark.createDataFrame(list, COHORT), lake.gold(name), "test cohort");
  }

  private static GovernedAccess.Caller researcher(String project, String purpose) {
    return new GovernedAccess.Caller("researcher-7", "researcher", Optional.of(project), purpose);
  }

  @Test
  void aResearcherReadsTheirProjectsTableAndTheReadIsAudited() {
    Dataset<Row> rows = access.readTable(researcher("alpha", "heart failure outcomes"), lake.gold("cohort__alpha"));
    assertThat(rows.count()).isEqualTo(3);
    Row record = io.read(audit.table()).head();
    assertThat(record.<String>getAs("outcome")).isEqualTo("ALLOWED");
    assertThat(record.<String>getAs("role")).isEqualTo("researcher");
    assertThat(record.<String>getAs("project")).isEqualTo("alpha");
    assertThat(record.<String>getAs("purpose")).isEqualTo("heart failure outcomes");
    assertThat(record.<String>getAs("target")).contains("gold.cohort__alpha");
    assertThat(record.<Long>getAs("rows_returned")).isEqualTo(3L);
    assertThat(record.<Instant>getAs("at")).isEqualTo(Instant.parse("2026-11-25T09:00:00Z"));
  }

  @Test
  void aResearcherOfProjectAIsRefusedProjectBsTableAndTheRefusalIsAudited() {
    assertThatThrownBy(() -> access.readTable(researcher("alpha", "heart failure outcomes"), lake.gold("cohort__beta")))
        .isInstanceOfSatisfying(CareLakeException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.ACCESS_REFUSED))
        .hasMessageContaining("gold.cohort__beta");
    Dataset<Row> refused = io.read(audit.table()).filter(col("outcome").equalTo("REFUSED"));
    assertThat(refused.count()).isEqualTo(1);
    Row record = refused.head();
    assertThat(record.<String>getAs("actor")).isEqualTo("researcher-7");
    assertThat(record.<String>getAs("project")).isEqualTo("alpha");
    assertThat(record.<String>getAs("target")).contains("gold.cohort__beta");
    assertThat(record.<Long>getAs("rows_returned")).isZero();
    // The same researcher under the other project's name but not its approved purpose is refused too.
    assertThatThrownBy(() -> access.readTable(researcher("beta", "heart failure outcomes"), lake.gold("cohort__beta")))
        .isInstanceOf(CareLakeException.class);
    assertThat(io.read(audit.table()).filter(col("outcome").equalTo("REFUSED")).count()).isEqualTo(2);
  }

  @Test
  void onlyTheAuditorReadsTheAuditTrail() {
    GovernedAccess.Caller engineer = new GovernedAccess.Caller("engineer-2", "data-engineer", Optional.empty(), "data engineering investigation");
    assertThat(access.readTable(engineer, lake.gold("cohort__alpha")).count()).as("a wildcard covers the zone's tables").isEqualTo(3);
    assertThatThrownBy(() -> access.readTable(engineer, audit.table())).isInstanceOf(CareLakeException.class);
    GovernedAccess.Caller auditor = new GovernedAccess.Caller("ig-lead", "ig-auditor", Optional.empty(), "audit of access");
    Dataset<Row> trail = access.readTable(auditor, audit.table());
    assertThat(trail.filter(col("actor").equalTo("engineer-2").and(col("outcome").equalTo("REFUSED"))).count()).isEqualTo(1);
  }

  @Test
  void theAuditTableRejectsUpdatesDeletesMergesAndOverwrites() {
    access.readTable(researcher("alpha", "heart failure outcomes"), lake.gold("cohort__alpha"));
    TableRef table = audit.table();
    String id = table.sqlIdentifier();
    assertThatThrownBy(() -> spark.sql("UPDATE " + id + " SET outcome = 'REFUSED'")).hasMessageContaining("append");
    assertThatThrownBy(() -> spark.sql("DELETE FROM " + id)).hasMessageContaining("append");
    assertThatThrownBy(() -> spark.sql("MERGE INTO " + id + " t USING (SELECT 1 AS x) s ON true WHEN MATCHED THEN DELETE"))
        .hasMessageContaining("append");
    assertThatThrownBy(() -> io.overwrite(io.read(table).limit(0), table, "wipe")).hasMessageContaining("append");
    assertThat(io.read(table).count()).isEqualTo(1);
    // Compaction (carelake maintain) rewrites files without changing data, and still works.
    io.delta(table).optimize().executeCompaction();
    assertThat(io.read(table).count()).isEqualTo(1);
  }

  @Test
  void anAuditTableCreatedBeforeThePropertyGetsIt() {
    Lake older = new Lake(work.resolve("older").toString());
    TableRef table = older.table(Zone.OPS, "audit");
    spark.sql("CREATE TABLE " + table.sqlIdentifier() + " (audit_id STRING NOT NULL, at TIMESTAMP NOT NULL, actor STRING NOT NULL,"
        + " role STRING NOT NULL, project STRING, purpose STRING NOT NULL, action STRING NOT NULL, target STRING NOT NULL,"
        + " outcome STRING NOT NULL, rows_returned BIGINT NOT NULL, identifiers_shown BOOLEAN NOT NULL) USING DELTA");
    new AuditLog(io, older, SQL);
    assertThatThrownBy(() -> spark.sql("DELETE FROM " + table.sqlIdentifier())).hasMessageContaining("append");
  }
}
