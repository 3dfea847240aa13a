package org.carelake.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.carelake.csv.CsvRecordReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Spec tests for every data contract in the project: its valid example passes, and each invalid
 * example breaks exactly the one rule its file name says. New contracts are picked up by themselves.
 */
class ContractExamplesTest {
  static final Path CONTRACTS = Path.of("../../data-contracts");
  static final LocalDate RUN_DATE = LocalDate.parse("2026-11-24");

  @TestFactory
  Stream<DynamicTest> everyExampleMeetsItsExpectation() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Contract contract : ContractLoader.loadAll(CONTRACTS)) {
      Path examples = Path.of(contract.origin()).getParent().resolve("examples").resolve(contract.id());
      tests.add(
          DynamicTest.dynamicTest(
              contract.id() + " valid.csv passes every rule",
              () -> assertThat(violations(contract, examples.resolve("valid.csv"))).isEmpty()));
      for (Path invalid : invalidExamples(examples)) {
        String rule = ruleOf(invalid);
        tests.add(
            DynamicTest.dynamicTest(
                contract.id() + " " + invalid.getFileName() + " breaks exactly " + rule,
                () -> assertThat(violations(contract, invalid)).containsExactly(rule)));
      }
      for (Path warning : examples(examples, WARNING)) {
        String rule = ruleOf(warning);
        tests.add(
            DynamicTest.dynamicTest(
                contract.id() + " " + warning.getFileName() + " loads with exactly the warning " + rule,
                () -> {
                  assertThat(violations(contract, warning)).isEmpty();
                  assertThat(warnings(contract, warning)).containsExactly(rule);
                }));
      }
    }
    return tests.stream();
  }

  @Test
  void everyContractHasAValidAndAnInvalidExample() {
    List<Contract> contracts = ContractLoader.loadAll(CONTRACTS);
    assertThat(contracts).isNotEmpty();
    for (Contract contract : contracts) {
      Path examples = Path.of(contract.origin()).getParent().resolve("examples").resolve(contract.id());
      assertThat(examples.resolve("valid.csv")).as(contract.id() + " valid example").exists();
      assertThat(invalidExamples(examples)).as(contract.id() + " invalid examples").isNotEmpty();
    }
  }

  @Test
  void everyCustomRuleKindUsedIsExemplified() {
    for (Contract contract : ContractLoader.loadAll(CONTRACTS)) {
      Path examples = Path.of(contract.origin()).getParent().resolve("examples").resolve(contract.id());
      Set<String> exemplified = new TreeSet<>();
      List<Path> all = new ArrayList<>(invalidExamples(examples));
      all.addAll(examples(examples, WARNING));
      for (Path invalid : all) {
        String rule = ruleOf(invalid);
        exemplified.add(rule.substring(rule.indexOf('.') + 1));
      }
      Set<String> used = new TreeSet<>();
      contract.columns().forEach(column -> column.customRules().forEach(rule -> used.add(rule.kind().id())));
      assertThat(exemplified).as(contract.id() + " invalid examples cover its custom rules").containsAll(used);
    }
  }

  static List<String> violations(Contract contract, Path file) throws IOException {
    return validated(contract, file).stream().flatMap(row -> row.violations().stream()).toList();
  }

  static List<String> warnings(Contract contract, Path file) throws IOException {
    return validated(contract, file).stream().flatMap(row -> row.warnings().stream()).toList();
  }

  static List<ValidatedRow> validated(Contract contract, Path file) throws IOException {
    RowValidator validator = new RowValidator(contract, RUN_DATE);
    List<ValidatedRow> found = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CsvRecordReader csv = new CsvRecordReader(reader, contract.delimiter())) {
      assertThat(csv.next()).as(file + " header").containsExactlyElementsOf(contract.physicalHeader());
      String[] fields;
      while ((fields = csv.next()) != null) {
        found.add(validator.validate(fields));
      }
    }
    return found;
  }

  static final String INVALID = "invalid__";
  static final String WARNING = "warning__";

  static List<Path> invalidExamples(Path examples) {
    return examples(examples, INVALID);
  }

  static List<Path> examples(Path examples, String prefix) {
    if (!Files.isDirectory(examples)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(examples)) {
      return files.filter(f -> f.getFileName().toString().startsWith(prefix)).sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String ruleOf(Path invalid) {
    String name = invalid.getFileName().toString();
    return name.substring(name.indexOf("__") + 2, name.length() - ".csv".length());
  }
}
