package org.carelake.measure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.carelake.cohort.CohortDefinition.CodelistReference;
import org.carelake.cohort.Window;
import org.carelake.definition.DefinitionFields;
import org.carelake.definition.DefinitionFields.Bounds;
import org.carelake.definition.Keyword;
import org.carelake.measure.MeasureDefinition.Activity;
import org.carelake.measure.MeasureDefinition.Age;
import org.carelake.measure.MeasureDefinition.Criterion;
import org.carelake.measure.MeasureDefinition.Denominator;
import org.carelake.measure.MeasureDefinition.Events;
import org.carelake.measure.MeasureDefinition.Grouping;
import org.carelake.measure.MeasureDefinition.HasEvent;
import org.carelake.measure.MeasureDefinition.Interval;
import org.carelake.measure.MeasureDefinition.NoEvent;
import org.carelake.measure.MeasureDefinition.Registered;
import org.carelake.measure.MeasureDefinition.RegisteredPopulation;
import org.carelake.measure.MeasureDefinition.SqlCondition;

/**
 * Reads a measure definition file and checks everything that can be checked without data: every
 * key known, every source a declared codelist alias or a known activity, windows the right way round
 * and bounded where they look ahead, the grouping known and including the borough. Every error names
 * the file and the field ({@code numerator[2].window}) and says what would be right; the checks
 * measures share with cohorts are {@link DefinitionFields}'. Codelists are checked against the
 * manifest by {@link MeasureCompiler}.
 */
public final class MeasureParser {
  private static final Set<String> TOP =
      Set.of("id", "name", "description", "codelists", "interval", "count", "denominator", "numerator", "grouping");
  private static final Set<String> CRITERION_KINDS = Set.of("has-event", "no-event", "age", "registered", "sql");
  /** The longest history a measure may span: the 24 months gold publishes, with room to grow. */
  static final int MAX_MONTHS = 60;

  private final String origin;
  private final DefinitionFields fields;

  private MeasureParser(String origin) {
    this.origin = origin;
    this.fields = new DefinitionFields("measure definition", origin, "sql/measures/README.md");
  }

  public static MeasureDefinition load(Path file) {
    return parse(MeasureFolder.FILES.read(file), file.toString());
  }

  public static MeasureDefinition parse(String yaml, String origin) {
    return new MeasureParser(origin).definition(yaml);
  }

  private MeasureDefinition definition(String yaml) {
    Map<String, Object> root = fields.root(yaml, TOP);
    String id = fields.identifier(root, "id", "t2dm_hba1c_12m");
    String name = fields.text(root, "name", "name");
    fields.oneLine(name, "name");
    Map<String, CodelistReference> codelists = fields.codelists(root, "hba1c-snomed@1", Set.of(), CodelistReference::new);
    Interval interval = interval(root);
    Denominator denominator = denominator(root, codelists.keySet());
    List<Criterion> numerator = criteria(fields.required(root, "numerator", "numerator"), "numerator", codelists.keySet());
    if (numerator.isEmpty()) {
      throw fields.error("numerator", "names no criterion; the numerator is the denominator's rows that also meet its criteria");
    }
    String count = fields.text(root, "count", "count");
    if (!count.equals("people") && !count.equals("events")) {
      throw fields.error("count", "must be 'people' or 'events', got '" + count + "'");
    }
    if (denominator instanceof RegisteredPopulation && count.equals("events")) {
      throw fields.error("count", "is 'events' but the denominator is a registered population, which counts people; write 'people'");
    }
    if (denominator instanceof RegisteredPopulation && interval.length() != 1) {
      throw fields.error("interval.length", "is " + interval.length() + " but a registered population is counted on each month's last"
          + " day; a rolling length applies to events. Leave it out and put the look-back in a criterion's window");
    }
    return new MeasureDefinition(origin, id, name, fields.text(root, "description", "description"), codelists, interval, denominator,
        numerator, count.equals("people"), grouping(root));
  }

  private Interval interval(Map<String, Object> root) {
    Map<String, Object> interval = fields.map(fields.required(root, "interval", "interval"), "interval");
    fields.keys(interval, Set.of("months", "length"), "interval");
    int months = fields.integer(fields.required(interval, "months", "interval.months"), "interval.months");
    if (months < 1 || months > MAX_MONTHS) {
      throw fields.error("interval.months", "must be 1 to " + MAX_MONTHS + " (the months up to the night's month), got " + months);
    }
    int length = interval.containsKey("length") ? fields.integer(interval.get("length"), "interval.length") : 1;
    if (length < 1 || length > 24) {
      throw fields.error("interval.length", "must be 1 (by month) to 24 (a rolling 24 months), got " + length);
    }
    return new Interval(months, length);
  }

  private Denominator denominator(Map<String, Object> root, Set<String> aliases) {
    Map<String, Object> denominator = fields.map(fields.required(root, "denominator", "denominator"), "denominator");
    fields.keys(denominator, Set.of("registered-population", "events", "where"), "denominator");
    List<Criterion> where =
        denominator.containsKey("where") ? criteria(denominator.get("where"), "denominator.where", aliases) : List.of();
    boolean population = denominator.containsKey("registered-population");
    if (population == denominator.containsKey("events")) {
      throw fields.error("denominator", "must hold exactly one of 'registered-population: true' or 'events: [sources]'");
    }
    if (population) {
      if (!Boolean.TRUE.equals(denominator.get("registered-population"))) {
        throw fields.error("denominator.registered-population", "can only be 'true'");
      }
      return new RegisteredPopulation(where);
    }
    return new Events(sources(denominator.get("events"), "denominator.events", aliases), where);
  }

  private List<Criterion> criteria(Object value, String key, Set<String> aliases) {
    List<Criterion> criteria = new ArrayList<>();
    List<?> items = fields.list(value, key);
    for (int i = 0; i < items.size(); i++) {
      String field = key + "[" + (i + 1) + "]";
      Map<String, Object> item = fields.map(items.get(i), field);
      String kind = fields.kindOf(item, field, CRITERION_KINDS);
      String at = field + "." + kind;
      criteria.add(switch (kind) {
        case "has-event", "no-event" -> {
          fields.keys(item, kind.equals("has-event") ? Set.of(kind, "window", "at-least") : Set.of(kind, "window"), field);
          List<String> sources = sources(item.get(kind), at, aliases);
          Window window = window(fields.required(item, "window", field + ".window"), field + ".window");
          if (kind.equals("no-event")) {
            yield new NoEvent(sources, window);
          }
          int atLeast = item.containsKey("at-least") ? fields.integer(item.get("at-least"), field + ".at-least") : 1;
          if (atLeast < 1) {
            throw fields.error(field + ".at-least", "must be 1 or more (the number of events the window must hold)");
          }
          yield new HasEvent(sources, window, atLeast);
        }
        case "age" -> {
          fields.keys(item, Set.of(kind), field);
          Bounds bounds = fields.bounds(item.get(kind), at);
          yield new Age(bounds.min(), bounds.max());
        }
        case "registered" -> {
          fields.keys(item, Set.of(kind), field);
          fields.criterionFlag(item.get(kind), at);
          yield new Registered();
        }
        default -> {
          fields.keys(item, Set.of(kind), field);
          yield new SqlCondition(fields.expression(item, kind, at));
        }
      });
    }
    return criteria;
  }

  private List<Grouping> grouping(Map<String, Object> root) {
    List<Grouping> grouping =
        fields.keywords(fields.required(root, "grouping", "grouping"), "grouping", "grouping", Grouping::of, Keyword.listed(Grouping.class));
    if (!grouping.contains(Grouping.BOROUGH)) {
      throw fields.error("grouping", "must include borough: the region's row is the sum of the boroughs' rounded rows");
    }
    return grouping;
  }

  private Window window(Object value, String field) {
    Window parsed = fields.window(value, field, "reference date", "{from: -7, to: 0}", Window::new);
    if (parsed.to().isEmpty() && parsed.from().orElse(0) >= 0) {
      throw fields.error(field, "looks ahead without an end; give 'to' (a row is counted only once the whole window has passed)");
    }
    return parsed;
  }

  private List<String> sources(Object value, String field, Set<String> aliases) {
    return fields.sources(value, field, aliases, Keyword.all(Activity.class));
  }
}
