package org.carelake.contract;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One property of a feed's contract: the lake column {@code name}, the header the source sends
 * ({@code physicalName}), its type and the rules every value must meet.
 */
public record Column(
    String name,
    String physicalName,
    LogicalType type,
    boolean required,
    boolean primaryKey,
    Classification classification,
    String description,
    Optional<String> pattern,
    Optional<String> format,
    OptionalInt minLength,
    OptionalInt maxLength,
    Optional<BigDecimal> minimum,
    Optional<BigDecimal> maximum,
    List<String> validValues,
    List<CustomRule> customRules) {

  public Column {
    requireNonNull(name, "name is null");
    requireNonNull(physicalName, "physicalName is null");
    requireNonNull(type, "type is null");
    requireNonNull(classification, "classification is null");
    requireNonNull(description, "description is null");
    requireNonNull(pattern, "pattern is null");
    requireNonNull(format, "format is null");
    requireNonNull(minLength, "minLength is null");
    requireNonNull(maxLength, "maxLength is null");
    requireNonNull(minimum, "minimum is null");
    requireNonNull(maximum, "maximum is null");
    validValues = List.copyOf(validValues);
    customRules = List.copyOf(customRules);
  }

  public boolean isDirectIdentifier() {
    return classification == Classification.DIRECT_IDENTIFIER;
  }
}
