package org.carelake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.carelake.contract.Contract;
import org.carelake.contract.ContractLoader;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.testing.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every contract's examples through the real ingest stage on Spark and Delta: each valid example
 * and each warning example (a warning-severity rule broken) loads whole, and each invalid example
 * loses exactly one row to quarantine under the rule its file name gives.
 */
class ContractExamplesIT {
  static final LocalDate NIGHT = LocalDate.parse("2026-11-24");

  @Test
  void examplesLoadOrQuarantineUnderTheirRule(@TempDir Path work) throws IOException {
    List<Contract> contracts = ContractLoader.loadAll(Path.of("../../data-contracts"));
    Path borough = work.resolve("landing").resolve(NIGHT.toString()).resolve("E08000003");
    Files.createDirectories(borough);
    int examples = 0;
    for (Contract contract : contracts) {
      Path folder = Path.of(contract.origin()).getParent().resolve("examples").resolve(contract.id());
      try (Stream<Path> files = Files.list(folder)) {
        for (Path example : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
          String name = example.getFileName().toString();
          Files.copy(example, borough.resolve(contract.id() + "__" + name));
          examples++;
        }
      }
    }
    DeltaIo io = new DeltaIo(TestSpark.session());
    Lake lake = new Lake(work.resolve("lake").toString());
    IngestResult result = new IngestStage(io, lake,
        new LandingZone(work.resolve("landing").toString(), TestSpark.session().sparkContext().hadoopConfiguration()),
        contracts, NIGHT, "test-run", Instant.parse("2026-11-25T02:00:00Z"), Optional.empty(), Optional.empty()).run();

    assertThat(result.files()).hasSize(examples);
    for (FileOutcome file : result.files()) {
      String example = file.fileName().substring(file.feed().length() + 2);
      assertThat(file.status()).as(file.fileName()).isEqualTo(FileOutcome.Status.LOADED);
      assertThat(file.reconciles()).as(file.fileName()).isTrue();
      if (example.equals("valid.csv") || example.startsWith("warning__")) {
        assertThat(file.rowsQuarantined()).as(file.fileName()).isZero();
        assertThat(file.rowsLoaded()).as(file.fileName()).isPositive();
      } else {
        String rule = example.substring("invalid__".length(), example.length() - ".csv".length());
        assertThat(file.rowsQuarantined()).as(file.fileName()).isEqualTo(1);
        assertThat(file.quarantinedByRule()).as(file.fileName()).isEqualTo(Map.of(rule, 1L));
      }
    }
    Map<String, Long> loadedByFeed = result.files().stream()
        .collect(Collectors.groupingBy(FileOutcome::feed, Collectors.summingLong(FileOutcome::rowsLoaded)));
    loadedByFeed.forEach((feed, loaded) -> assertThat(io.read(lake.raw(feed)).count()).as(feed).isEqualTo(loaded));
    assertThat(io.read(lake.quarantine()).count()).isEqualTo(result.rowsQuarantined());
  }

  /**
   * A source still on the 1.0 layout of a contract that has since gained optional columns at its
   * end (the GP registrations' date of death, 1.1.0) loads, with those columns blank; a file
   * missing a required column is still rejected.
   */
  @Test
  void aFileWithoutTheContractsTrailingOptionalColumnsLoadsWithThemBlank(@TempDir Path work) throws IOException {
    Contract contract = ContractLoader.loadAll(Path.of("../../data-contracts")).stream()
        .filter(c -> c.id().equals("gp_tpp_patients")).findFirst().orElseThrow();
    List<String> lines = Files.readAllLines(Path.of("../../data-contracts/gp/examples/gp_tpp_patients/valid.csv"));
    assertThat(lines.get(0)).endsWith(",date_of_death");
    Path borough = work.resolve("landing").resolve(NIGHT.toString()).resolve("E08000003");
    Files.createDirectories(borough);
    // the 1.0 layout: the last column (and its value) dropped from every line
    Files.write(borough.resolve("gp_tpp_patients__old_layout.csv"),
        lines.stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList());
    Files.write(borough.resolve("gp_tpp_patients__no_reg_end.csv"),
        lines.stream().map(l -> l.substring(0, l.lastIndexOf(','))).map(l -> l.substring(0, l.lastIndexOf(','))).toList());
    DeltaIo io = new DeltaIo(TestSpark.session());
    Lake lake = new Lake(work.resolve("lake").toString());
    IngestResult result = new IngestStage(io, lake,
        new LandingZone(work.resolve("landing").toString(), TestSpark.session().sparkContext().hadoopConfiguration()),
        List.of(contract), NIGHT, "test-run", Instant.parse("2026-11-25T02:00:00Z"), Optional.empty(), Optional.empty()).run();
    Map<String, FileOutcome> byName = result.files().stream().collect(Collectors.toMap(FileOutcome::fileName, f -> f));
    FileOutcome old = byName.get("gp_tpp_patients__old_layout.csv");
    assertThat(old.status()).isEqualTo(FileOutcome.Status.LOADED);
    assertThat(old.rowsQuarantined()).isZero();
    assertThat(old.rowsLoaded()).isEqualTo(lines.size() - 1);
    assertThat(io.read(lake.raw("gp_tpp_patients")).filter("date_of_death IS NOT NULL").count()).isZero();
    // reg_end is optional too, so a file without both trailing optional columns also loads
    assertThat(byName.get("gp_tpp_patients__no_reg_end.csv").rowsQuarantined()).isZero();
  }
}
