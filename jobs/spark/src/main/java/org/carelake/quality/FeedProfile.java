package org.carelake.quality;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carelake.contract.Classification;
import org.carelake.contract.Column;
import org.carelake.contract.Contract;
import org.carelake.contract.CustomRule;
import org.carelake.contract.LogicalType;

/**
 * What the quality measures need to know about a feed, read from its contract so no Java names a
 * feed: the primary key (uniqueness), the main care date (timeliness: the first date or timestamp
 * column classified clinical) and the warning-severity rules a loaded row may still break.
 */
public record FeedProfile(
    String feed, List<String> primaryKey, Optional<String> careDate, List<WarningRule> warningRules, List<Column> columns) {

  public FeedProfile {
    requireNonNull(feed, "feed is null");
    primaryKey = List.copyOf(primaryKey);
    requireNonNull(careDate, "careDate is null");
    warningRules = List.copyOf(warningRules);
    columns = List.copyOf(columns);
  }

  /**
   * A warning-severity rule of one column: breaking it loads the row with the value kept, so the
   * quality stage re-applies it to loaded rows to measure how often it is broken.
   *
   * @param column the contract column
   * @param kind the CareLake rule
   */
  public record WarningRule(String column, CustomRule.Kind kind) {
    public WarningRule {
      requireNonNull(column, "column is null");
      requireNonNull(kind, "kind is null");
    }

    /** The rule id as quarantine and the ledger spell it, e.g. {@code nhs_number.nhs-number}. */
    public String id() {
      return column + "." + kind.id();
    }
  }

  public static FeedProfile of(Contract contract) {
    List<String> key = contract.primaryKey().stream().map(Column::name).toList();
    Optional<String> careDate = contract.columns().stream()
        .filter(c -> c.classification() == Classification.CLINICAL)
        .filter(c -> c.type() == LogicalType.DATE || c.type() == LogicalType.TIMESTAMP)
        .map(Column::name)
        .findFirst();
    List<WarningRule> warnings = new ArrayList<>();
    for (Column column : contract.columns()) {
      for (CustomRule rule : column.customRules()) {
        if (rule.severity() == CustomRule.Severity.WARNING && WarningChecks.supports(rule.kind())) {
          warnings.add(new WarningRule(column.name(), rule.kind()));
        }
      }
    }
    return new FeedProfile(contract.id(), key, careDate, warnings, contract.columns());
  }
}
