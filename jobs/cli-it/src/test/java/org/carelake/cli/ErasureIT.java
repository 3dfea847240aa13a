package org.carelake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.carelake.ingest.IngestSchemas;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.LakeTables;
import org.carelake.lake.TableRef;
import org.carelake.lake.Zone;
import org.carelake.nightly.SmallNight;
import org.carelake.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Erasure and retention, checked as an auditor would: after the command, a byte search of every
 * file under the lake's folder (data files, logs, checkpoints, whatever their zone) finds none of
 * the purged values, where the same search found them before. Both are audited.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ErasureIT {
  static final LocalDate NIGHT = SmallNight.NIGHT;

  Path work;
  Path keyFile;
  DeltaIo io;
  Lake lake;

  @BeforeAll
  void smallNight() throws IOException {
    SmallNight.Copy night = SmallNight.copy("carelake-erasure-it");
    work = night.work();
    keyFile = night.keyFile();
    io = new DeltaIo(TestSpark.session());
    lake = night.lake();
  }

  @Test
  @Order(1)
  void anErasedPersonsNumberIsNowhereOnDiskAndOthersRemain() throws IOException {
    List<String> numbers = io.read(lake.identity()).where("nhs_usable").select("nhs_number").distinct()
        .orderBy("nhs_number").limit(2).collectAsList().stream().map(r -> r.getString(0)).toList();
    String erased = numbers.get(0);
    String kept = numbers.get(1);
    assertThat(lakeFilesContaining(erased)).as("the search sees the number before erasure").isNotEmpty();
    long silverBefore = silverRows();

    assertThat(CareLakeCli.execute("erase", "--nhs-number", erased, "--reference", "court-order-it-1", "--lake", lake.root(),
        "--key-file", keyFile.toString(), "--sql", "../../sql", "--contracts", "../../data-contracts")).isZero();

    assertThat(lakeFilesContaining(erased)).as("files on disk holding the erased number").isEmpty();
    assertThat(lakeFilesContaining(kept)).as("another person's records stay").isNotEmpty();
    assertThat(silverRows()).as("the person's silver rows went, not everyone's").isLessThan(silverBefore).isPositive();
    Row audit = io.read(lake.table(Zone.OPS, "audit")).where("action = 'erase'").head();
    assertThat(audit.<String>getAs("outcome")).isEqualTo("ALLOWED");
    assertThat(audit.<String>getAs("target")).contains("court-order-it-1").doesNotContain(erased);
    assertThat(audit.<Long>getAs("rows_returned")).isPositive();
    // The lake still reads, and the person is gone from it.
    Path out = work.resolve("after-erasure.json");
    assertThat(CareLakeCli.execute("subject-access", "--nhs-number", erased, "--out", out.toString(), "--lake", lake.root(),
        "--key-file", keyFile.toString(), "--sql", "../../sql", "--contracts", "../../data-contracts")).isZero();
    assertThat(Files.readString(out)).doesNotContain(erased).contains("\"rows_count\" : 0").doesNotContain("\"rows_count\" : 1");
  }

  @Test
  @Order(2)
  void retentionPurgesExpiredRawAndQuarantinedRowsFromDisk() throws IOException {
    // The start of the smallest quarantined line: Delta's file statistics hold it, so the search can see it before the purge.
    String smallest = io.read(lake.quarantine()).agg(org.apache.spark.sql.functions.min(IngestSchemas.RAW)).head().getString(0);
    String line = smallest.substring(0, Math.min(24, smallest.length()));
    assertThat(line).hasSizeGreaterThan(12);
    assertThat(lakeFilesContaining(line)).as("the search sees the quarantined row before the purge").isNotEmpty();

    assertThat(CareLakeCli.execute("retention", "--raw-days", "30", "--quarantine-days", "30", "--today", NIGHT.plusDays(10).toString(),
        "--lake", lake.root(), "--sql", "../../sql", "--contracts", "../../data-contracts")).isZero();
    assertThat(io.read(lake.quarantine()).count()).as("within the retention period nothing goes").isPositive();

    assertThat(CareLakeCli.execute("retention", "--raw-days", "30", "--quarantine-days", "5", "--today", NIGHT.plusDays(10).toString(),
        "--lake", lake.root(), "--sql", "../../sql", "--contracts", "../../data-contracts")).isZero();
    assertThat(io.read(lake.quarantine()).count()).isZero();
    assertThat(lakeFilesContaining(line)).as("files on disk holding the purged row").isEmpty();
    assertThat(io.read(lake.raw("gp_emis_patients")).count()).as("raw rows within their period stay").isPositive();
    assertThat(io.read(lake.table(Zone.OPS, "audit")).where("action = 'retention purge'").count()).isEqualTo(2);
  }

  private long silverRows() {
    long rows = 0;
    for (TableRef table : LakeTables.inZone(io, lake, Zone.SILVER)) {
      rows += io.read(table).count();
    }
    return rows;
  }

  /** Files anywhere under the lake's folder whose bytes hold the text. */
  private List<Path> lakeFilesContaining(String text) throws IOException {
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    List<Path> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of(lake.root()))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (indexOf(Files.readAllBytes(file), needle) >= 0) {
          found.add(file);
        }
      }
    }
    return found;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
