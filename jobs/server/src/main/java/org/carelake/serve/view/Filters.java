package org.carelake.serve.view;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.carelake.geography.Borough;

/**
 * The filters a page accepts from its URL (period, borough, setting, condition, measure), each
 * checked against a closed list or a strict pattern before anything uses it: a value that is not
 * on the list is refused, never passed on. Absent filters are empty and each page picks its default.
 */
public record Filters(
    Optional<YearMonth> from, Optional<YearMonth> to, Optional<YearMonth> month, Optional<String> borough,
    Optional<String> setting, Optional<String> condition, Optional<String> measure) {

  public static final List<String> SETTINGS = List.of("gp-event", "admitted-care", "emergency-admission", "elective-admission",
      "bed-days", "emergency-care", "outpatient", "outpatient-missed", "mental-health", "community", "social-care", "out-of-hours");
  /** Settings that count days, not events: never added to or drawn beside the settings that count events. */
  public static final Set<String> DAY_SETTINGS = Set.of("bed-days");
  public static final List<String> CONDITIONS = List.of("hypertension", "type-2-diabetes", "asthma", "copd", "ckd-stage-3-5",
      "heart-failure", "atrial-fibrillation", "dementia", "severe-mental-illness", "depression");
  public static final Set<String> NAMES = Set.of("from", "to", "month", "borough", "setting", "condition", "measure");
  private static final Pattern YEAR_MONTH = Pattern.compile("\\d{4}-\\d{2}");
  private static final Pattern MEASURE_ID = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  /** How a setting reads on screen and in CSV: its code, with "(days)" where it counts days rather than events. */
  public static String settingLabel(String setting) {
    return DAY_SETTINGS.contains(setting) ? setting + " (days)" : setting;
  }

  public static Filters none() {
    return parse(Map.of());
  }

  /** The filters of a query string (first value of each); an unknown parameter or value is a {@link BadRequest}. */
  public static Filters parse(Map<String, List<String>> query) {
    for (String name : query.keySet()) {
      if (!NAMES.contains(name)) {
        throw new BadRequest("unknown filter; the filters are " + String.join(", ", NAMES.stream().sorted().toList()));
      }
    }
    Optional<String> borough = first(query, "borough").filter(b -> !b.equals("all"));
    borough.ifPresent(code -> {
      if (Borough.fromOnsCode(code).isEmpty()) {
        throw new BadRequest("borough must be one of the ten boroughs' ONS codes (E08000001 to E08000010) or all");
      }
    });
    Optional<String> setting = first(query, "setting").filter(s -> !s.equals("all"));
    setting.ifPresent(s -> {
      if (!SETTINGS.contains(s)) {
        throw new BadRequest("setting must be one of " + String.join(", ", SETTINGS));
      }
    });
    Optional<String> condition = first(query, "condition");
    condition.ifPresent(c -> {
      if (!CONDITIONS.contains(c)) {
        throw new BadRequest("condition must be one of " + String.join(", ", CONDITIONS));
      }
    });
    Optional<String> measure = first(query, "measure");
    measure.ifPresent(m -> {
      if (!MEASURE_ID.matcher(m).matches()) {
        throw new BadRequest("measure must be a measure id (lower-case letters, digits and underscores)");
      }
    });
    return new Filters(month(query, "from"), month(query, "to"), month(query, "month"), borough, setting, condition, measure);
  }

  private static Optional<String> first(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    if (values == null || values.isEmpty() || values.get(0).isBlank()) {
      return Optional.empty();
    }
    return Optional.of(values.get(0).strip());
  }

  private static Optional<YearMonth> month(Map<String, List<String>> query, String name) {
    Optional<String> text = first(query, name);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (!YEAR_MONTH.matcher(text.get()).matches()) {
      throw new BadRequest(name + " must be a month written YYYY-MM");
    }
    try {
      return Optional.of(YearMonth.parse(text.get()));
    } catch (DateTimeParseException e) {
      throw new BadRequest(name + " must be a month written YYYY-MM");
    }
  }
}
