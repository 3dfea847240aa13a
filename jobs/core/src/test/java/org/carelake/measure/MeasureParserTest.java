package org.carelake.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.carelake.error.CareLakeException;
import org.carelake.measure.MeasureDefinition.Age;
import org.carelake.measure.MeasureDefinition.Events;
import org.carelake.measure.MeasureDefinition.Grouping;
import org.carelake.measure.MeasureDefinition.HasEvent;
import org.carelake.measure.MeasureDefinition.NoEvent;
import org.carelake.measure.MeasureDefinition.Registered;
import org.carelake.measure.MeasureDefinition.RegisteredPopulation;
import org.carelake.measure.MeasureDefinition.SqlCondition;
import org.junit.jupiter.api.Test;

/**
 * Reading a measure definition: every construct of the format, and for each way a definition can be
 * malformed, an error naming the file and the field. Each invalid example breaks one rule of
 * {@link #POPULATION} or {@link #EVENTS}.
 */
class MeasureParserTest {
  static final String ORIGIN = "sql/measures/diabetes_hba1c.yaml";
  static final String EVENTS_ORIGIN = "sql/measures/readmissions.yaml";

  static final String POPULATION = """
      id: diabetes_hba1c
      name: Diabetes with an HbA1c in the last year
      description: >
        Registered adults with diabetes,
        the share with an HbA1c.
      codelists:
        diabetes: diabetes-snomed@1
        diabetes_hospital: diabetes-icd10@1
        hba1c: hba1c-snomed@1
      interval: {months: 24}
      count: people
      denominator:
        registered-population: true
        where:
          - has-event: [diabetes, diabetes_hospital]
            window: {to: 0}
          - age: {min: 17, max: 120}
      numerator:
        - has-event: [hba1c]
          window: {from: -364, to: 0}
      grouping: [borough, sex]
      """;

  static final String EVENTS = """
      id: readmissions
      name: Readmissions within 30 days
      description: Discharges followed by an emergency admission within 30 days.
      interval: {months: 12, length: 3}
      count: events
      denominator:
        events: [hospital-discharge]
        where:
          - registered: true
          - sql: sex <> 'U'
      numerator:
        - has-event: [emergency-admission]
          window: {from: 0, to: 30}
        - no-event: [out-of-hours-contact, gp-contact]
          window: {from: -7, to: -1}
      grouping: [age-band, borough, deprivation-quintile]
      """;

  @Test
  void aRegisteredPopulationMeasureReadsEveryConstruct() {
    MeasureDefinition definition = MeasureParser.parse(POPULATION, ORIGIN);

    assertThat(definition.id()).isEqualTo("diabetes_hba1c");
    assertThat(definition.description()).isEqualTo("Registered adults with diabetes, the share with an HbA1c.");
    assertThat(definition.codelists()).containsOnlyKeys("diabetes", "diabetes_hospital", "hba1c");
    assertThat(definition.codelists().get("hba1c").toString()).isEqualTo("hba1c-snomed@1");
    assertThat(definition.interval()).isEqualTo(new MeasureDefinition.Interval(24, 1));
    assertThat(definition.countsPeople()).isTrue();
    assertThat(definition.denominator()).isInstanceOf(RegisteredPopulation.class);
    assertThat(definition.denominator().where()).hasSize(2);
    HasEvent diabetes = (HasEvent) definition.denominator().where().get(0);
    assertThat(diabetes.sources()).containsExactly("diabetes", "diabetes_hospital");
    assertThat(diabetes.window().from()).isEmpty();
    assertThat(diabetes.window().to()).contains(0);
    assertThat(definition.denominator().where().get(1)).isEqualTo(new Age(Optional.of(17), Optional.of(120)));
    assertThat(((HasEvent) definition.numerator().get(0)).window().from()).contains(-364);
    assertThat(definition.grouping()).containsExactly(Grouping.BOROUGH, Grouping.SEX);
  }

  @Test
  void anEventMeasureReadsEveryConstruct() {
    MeasureDefinition definition = MeasureParser.parse(EVENTS, EVENTS_ORIGIN);

    assertThat(definition.countsPeople()).isFalse();
    assertThat(definition.interval()).isEqualTo(new MeasureDefinition.Interval(12, 3));
    Events events = (Events) definition.denominator();
    assertThat(events.sources()).containsExactly("hospital-discharge");
    assertThat(events.where()).containsExactly(new Registered(), new SqlCondition("sex <> 'U'"));
    assertThat(definition.numerator().get(1)).isInstanceOf(NoEvent.class);
    assertThat(((NoEvent) definition.numerator().get(1)).sources()).containsExactly("out-of-hours-contact", "gp-contact");
    assertThat(definition.grouping()).containsExactly(Grouping.AGE_BAND, Grouping.BOROUGH, Grouping.DEPRIVATION_QUINTILE);
  }

  @Test
  void hasEventCanAskForSeveralEvents() {
    MeasureDefinition definition = MeasureParser.parse(
        POPULATION.replace("window: {from: -364, to: 0}", "window: {from: -364, to: 0}\n    at-least: 5"), ORIGIN);
    assertThat(((HasEvent) definition.numerator().get(0)).atLeast()).isEqualTo(5);
    assertThat(((HasEvent) definition.denominator().where().get(0)).atLeast()).as("default").isEqualTo(1);
    refused(POPULATION.replace("window: {from: -364, to: 0}", "window: {from: -364, to: 0}\n    at-least: 0"),
        "numerator[1].at-least: must be 1 or more");
    refused(POPULATION.replace("window: {from: -364, to: 0}", "window: {from: -364, to: 0}\n    at-least: many"),
        "numerator[1].at-least: must be a whole number");
    refused(EVENTS.replace("window: {from: -7, to: -1}", "window: {from: -7, to: -1}\n    at-least: 2"),
        "numerator[2]: unknown key 'at-least'");
  }

  @Test
  void theIntervalLengthDefaultsToOneMonth() {
    assertThat(MeasureParser.parse(EVENTS.replace("{months: 12, length: 3}", "{months: 12}"), EVENTS_ORIGIN).interval().length())
        .isEqualTo(1);
  }

  @Test
  void everyMalformedDefinitionIsRefusedNamingTheFileAndTheField() {
    refused(POPULATION.replace("count: people", "count: people\nowner: me"), "(top level): unknown key 'owner'");
    refused(POPULATION.replace("id: diabetes_hba1c", "id: Diabetes-HbA1c"), "id: must be lower-case words");
    refused(POPULATION.replace("id: diabetes_hba1c", "id: diabetes_other"), "id: is 'diabetes_other' but the file is diabetes_hba1c.yaml");
    refused(POPULATION.replace("name: Diabetes with an HbA1c in the last year\n", ""), "name: is missing");
    refused(POPULATION.replace("hba1c: hba1c-snomed@1", "hba1c: hba1c-snomed"), "codelists.hba1c: must name a codelist by id and version");
    refused(POPULATION.replace("interval: {months: 24}", "interval: {months: 0}"), "interval.months: must be 1 to 60");
    refused(POPULATION.replace("interval: {months: 24}", "interval: {months: 24, length: 12}"),
        "interval.length: is 12 but a registered population is counted on each month's last day");
    refused(EVENTS.replace("length: 3", "length: 25"), "interval.length: must be 1 (by month) to 24");
    refused(POPULATION.replace("interval: {months: 24}", "interval: {months: 24, every: week}"), "interval: unknown key 'every'");
    refused(POPULATION.replace("count: people", "count: persons"), "count: must be 'people' or 'events'");
    refused(POPULATION.replace("count: people", "count: events"), "count: is 'events' but the denominator is a registered population");
    refused(POPULATION.replace("registered-population: true", "registered-population: true\n  events: [gp-contact]"),
        "denominator: must hold exactly one of");
    refused(POPULATION.replace("registered-population: true", "registered-population: false"),
        "denominator.registered-population: can only be 'true'");
    refused(EVENTS.replace("events: [hospital-discharge]", "events: [hospital-stay]"),
        "denominator.events: 'hospital-stay' is neither a codelist alias");
    refused(POPULATION.replace("[diabetes, diabetes_hospital]", "[diabetes, diabetic]"),
        "denominator.where[1].has-event: 'diabetic' is neither a codelist alias declared under codelists (diabetes, diabetes_hospital, hba1c)");
    refused(POPULATION.replace("window: {from: -364, to: 0}", "window: {from: 0, to: -364}"),
        "numerator[1].window: from (0) is after to (-364)");
    refused(POPULATION.replace("window: {from: -364, to: 0}", "window: {from: 1}"), "numerator[1].window: looks ahead without an end");
    refused(POPULATION.replace("window: {from: -364, to: 0}", "window: {from: -364, to: 0, days: 3}"),
        "numerator[1].window: unknown key 'days'");
    refused(POPULATION.replace("window: {from: -364, to: 0}", "window: {from: -1.5}"), "numerator[1].window.from: must be a whole number");
    refused(POPULATION.replace("    window: {from: -364, to: 0}\n", ""), "numerator[1].window: is missing");
    refused(POPULATION.replace("- age: {min: 17, max: 120}", "- age: {min: 70, max: 17}"), "denominator.where[2].age: needs min, max or both");
    refused(POPULATION.replace("- age: {min: 17, max: 120}", "- age: {min: 17}\n      registered: true"),
        "denominator.where[2]: must hold exactly one of");
    refused(EVENTS.replace("registered: true", "registered: yes please"), "denominator.where[1].registered: can only be 'true'");
    refused(EVENTS.replace("sql: sex <> 'U'", "sql: sex <> 'U'; DROP TABLE x"), "denominator.where[2].sql: must be one boolean expression");
    refused(POPULATION.replace("""
        numerator:
          - has-event: [hba1c]
            window: {from: -364, to: 0}
        """.stripIndent().indent(0), "numerator: []\n"), "numerator: names no criterion");
    refused(POPULATION.replace("grouping: [borough, sex]", "grouping: [sex]"), "grouping: must include borough");
    refused(POPULATION.replace("grouping: [borough, sex]", "grouping: [borough, ethnicity]"), "grouping: unknown grouping 'ethnicity'");
    refused(POPULATION.replace("grouping: [borough, sex]", "grouping: [borough, borough]"), "grouping: borough is listed twice");
    refused("id: [unclosed", ORIGIN, "is not valid YAML");
  }

  @Test
  void theLibraryInSqlMeasuresParses() {
    assertThat(MeasureFolder.definitions(Path.of("../../sql"))).extracting(MeasureDefinition::id).contains(
        "t2dm_hba1c_12m", "emergency_admissions_after_primary_care", "discharges_to_social_care_30d", "emergency_readmissions_30d",
        "ltc_emergency_care_without_gp_contact");
  }

  private static void refused(String yaml, String message) {
    refused(yaml, yaml.contains("id: readmissions") ? EVENTS_ORIGIN : ORIGIN, message);
  }

  private static void refused(String yaml, String origin, String message) {
    assertThatThrownBy(() -> MeasureParser.parse(yaml, origin))
        .isInstanceOf(CareLakeException.class)
        .hasMessageContaining("measure definition " + origin)
        .hasMessageContaining(message);
  }
}
