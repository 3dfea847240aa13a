package org.carelake.synthetic;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.carelake.geography.Borough;
import org.carelake.geography.PostcodeArea;

/**
 * One synthetic person, derived from (seed, index) and nothing held elsewhere. Two random streams
 * are consumed in a fixed order in the constructor, so every attribute is stable whatever a caller
 * reads:
 *
 * <ul>
 *   <li>the <em>household</em> stream (seeded by the household: the lower index of a pair of
 *       twins, otherwise the person) gives date of birth, ethnicity, family name, current and
 *       previous address and practice, so twins share them;
 *   <li>the <em>individual</em> stream (seeded by the person) gives sex, given name, a former
 *       surname, telephone, registration dates and conditions.
 * </ul>
 *
 * <p>Hard cases for linkage: a twin (see {@link Population#twinOf(long)}) has the same family
 * name, date of birth, address and postcode as the other twin, the same sex about half the time,
 * and a different given name and NHS number. A namesake (see {@link Population#namesakeOf(long)})
 * carries the sex, given name, family name and date of birth of an unrelated person in another
 * borough. About 45% of women aged 20 or more changed surname ({@link #formerFamilyName}); the
 * current surname is the one a source should hold, some carry the former one.
 */
final class Person {
  static final double FORMER_SURNAME_SHARE = 0.45;
  /**
   * The calibrated model's ages, registrations and onsets are those of the original model moved
   * two years on, so the age pyramid holds at this day and children are born in the years of
   * history before a night in 2025-2026.
   */
  static final LocalDate CALIBRATED_AS_OF = GeneratorSettings.POPULATION_AS_OF.plusYears(2);
  /** Deaths and departures from the region are drawn from this day on (none before it). */
  static final LocalDate LIFE_EVENTS_FROM = LocalDate.of(2025, 1, 1);
  /** ... and up to this day. */
  static final LocalDate LIFE_EVENTS_UNTIL = CALIBRATED_AS_OF.plusYears(5);
  /** Yearly chance of leaving the region (deregistration without death). */
  static final double LEAVING_RATE = 0.01;

  private static final String[] STREETS = {
    "Oak Road", "Mill Lane", "Church Street", "Victoria Road", "Station Road", "Park Avenue", "Canal Street",
    "Chapel Street", "Moss Lane", "Bury New Road", "Market Street", "Princess Road", "Cotton Close",
    "Weaver Way", "Heaton Grove", "Lark Hill", "Manchester Road", "Rochdale Road", "Oldham Road", "Bolton Road",
    "Wigan Lane", "Stockport Road", "Chorley Road", "Bury Old Road", "Wilmslow Road", "Stamford Street",
    "King Street", "Queen Street", "High Street", "New Street", "Albert Road", "Alexandra Road", "Clarendon Road",
    "Derby Street", "Egerton Road", "Fairfield Avenue", "Grosvenor Street", "Hall Lane", "Hollins Lane",
    "Kingsway", "Lime Grove", "Longford Road", "Lord Street", "Moor Lane", "Moorside Road", "Newton Street",
    "Orchard Street", "Peel Street", "Pennine View", "Primrose Bank", "Regent Road", "Ridgeway", "Rose Hill",
    "St Mary's Road", "St John's Close", "Sandy Lane", "School Lane", "Shaw Road", "Springfield Road",
    "Stanley Road", "Thorn Grove", "Union Street", "Vicarage Road", "Water Street", "Wellington Road",
    "Westbourne Road", "Willow Bank", "Windsor Road", "Woodlands Road", "York Street", "Beech Avenue",
    "Brook Street", "Cherry Tree Walk", "Dale Street", "Elm Road", "Fern Close", "Granby Row", "Hawthorn Drive"
  };
  private static final char[] ETHNICITY = "ABCDEFGHJKLMNPRSZ".toCharArray();
  private static final double[] ETHNICITY_SHARE = {
    0.70, 0.01, 0.03, 0.005, 0.005, 0.005, 0.005, 0.025, 0.08, 0.02, 0.015, 0.015, 0.02, 0.01, 0.01, 0.015, 0.04
  };

  final long index;
  final Borough home;
  final Borough previous; // null unless the person moved borough
  final long twin; // the other twin's index, or -1
  final long namesakeOf; // the unrelated person whose name and birthday this one shares, or -1
  final char sex; // M, F, I, U
  final LocalDate dateOfBirth;
  final int ageAtAsOf;
  final char ethnicity;
  final String givenName;
  final String familyName;
  final String formerFamilyName; // null unless the surname changed (birth name before marriage)
  private final int house;
  private final int street;
  private final int flat; // 0 when not a flat
  private final int previousHouse;
  private final int previousStreet;
  private final int previousFlat;
  private final int phone; // -1 when no number on record
  final PostcodeArea area;
  final PostcodeArea previousArea; // the address before the last move (another borough for movers)
  final int practice;
  final LocalDate registrationDate;
  final int previousPractice;
  final LocalDate previousRegistrationDate;
  final int conditions; // bit per Condition ordinal
  final LocalDate[] onset = new LocalDate[Condition.values().length];
  /** Whether the calibrated model built this person (dates anchored at {@link #CALIBRATED_AS_OF}, life events drawn). */
  final boolean calibrated;
  /** Calibrated model only: the date of death, or null (none before {@link #LIFE_EVENTS_UNTIL}). */
  final LocalDate deathDate;
  /** Calibrated model only: the day the person left the region (deregistered without dying), or null. */
  final LocalDate leftDate;
  private final long populationSize;
  private String nhsNumber;

  /**
   * @param home the borough the person lives in
   * @param previous the borough the household moved from, or null
   * @param twin the other twin's index, or -1
   * @param namesake the person whose sex, names and birthday this one copies, or null
   */
  Person(Population population, long index, long seed, Borough home, Borough previous, long twin, Person namesake) {
    this.index = index;
    this.twin = twin;
    this.namesakeOf = namesake == null ? -1 : namesake.index;
    this.populationSize = population.size();
    this.home = home;
    this.previous = previous;
    long householdIndex = twin >= 0 && twin < index ? twin : index;
    this.calibrated = population.calibrated();
    LocalDate asOf = calibrated ? CALIBRATED_AS_OF : Population.asOf();

    SplittableRandom household = new SplittableRandom(Mix.mix(seed ^ 0x484F555345L, householdIndex));
    int age = AgePyramid.draw(household);
    LocalDate born = Population.asOf().minusYears(age).minusDays(1 + household.nextInt(364));
    if (calibrated) {
      born = born.plusYears(2);
    }
    double ethnicDraw = household.nextDouble();
    int e = 0;
    for (double cumulative = ETHNICITY_SHARE[0]; e < ETHNICITY.length - 1 && ethnicDraw >= cumulative; ) {
      e++;
      cumulative += ETHNICITY_SHARE[e];
    }
    this.ethnicity = ETHNICITY[e];
    Names.Culture culture = Names.culture(ethnicity, household.nextDouble());
    String family = Names.family(culture, household.nextDouble());
    this.house = 1 + household.nextInt(180);
    this.street = household.nextInt(STREETS.length);
    int flatDraw = household.nextInt(12);
    this.flat = household.nextInt(8) == 0 ? 1 + flatDraw : 0;
    List<PostcodeArea> postcodes = population.postcodes(home);
    int areaAt = household.nextInt(postcodes.size());
    this.area = postcodes.get(areaAt);
    this.practice = household.nextInt(Population.PRACTICES_PER_BOROUGH);
    this.previousPractice = household.nextInt(Population.PRACTICES_PER_BOROUGH);
    this.previousHouse = 1 + household.nextInt(180);
    this.previousStreet = household.nextInt(STREETS.length);
    int previousFlatDraw = household.nextInt(12);
    this.previousFlat = household.nextInt(8) == 0 ? 1 + previousFlatDraw : 0;
    List<PostcodeArea> before = population.postcodes(previous == null ? home : previous);
    int previousAt = household.nextInt(before.size());
    if (previous == null && previousAt == areaAt) {
      previousAt = (previousAt + 1) % before.size();
    }
    this.previousArea = before.get(previousAt);

    SplittableRandom random = new SplittableRandom(Mix.mix(seed, index));
    double sexDraw = random.nextDouble();
    double sameSexDraw = random.nextDouble();
    long givenSeed = random.nextLong();
    double formerDraw = random.nextDouble();
    double formerFamilyDraw = random.nextDouble();
    char drawnSex = sexOf(sexDraw);
    String avoid = null;
    if (twin >= 0 && twin < index) { // the second twin: same sex half the time, never the same given name
      SplittableRandom other = new SplittableRandom(Mix.mix(seed, twin));
      char otherSex = sexOf(other.nextDouble());
      other.nextDouble();
      avoid = givenName(otherSex, culture, born.getYear(), other.nextLong(), null);
      drawnSex = sameSexDraw < 0.5 ? otherSex : otherSex == 'M' ? 'F' : otherSex == 'F' ? 'M' : drawnSex;
    }
    if (namesake != null) {
      this.sex = namesake.sex;
      this.givenName = namesake.givenName;
      this.familyName = namesake.familyName;
      this.dateOfBirth = namesake.dateOfBirth;
      this.ageAtAsOf = namesake.ageAtAsOf;
    } else {
      this.sex = drawnSex;
      this.givenName = givenName(sex, culture, born.getYear(), givenSeed, avoid);
      this.familyName = family;
      this.dateOfBirth = born;
      this.ageAtAsOf = age;
    }
    String former = null;
    if (sex == 'F' && ageAtAsOf >= 20 && twin < 0 && namesake == null && formerDraw < FORMER_SURNAME_SHARE) {
      former = Names.family(culture, formerFamilyDraw);
      former = former.equals(familyName) ? null : former;
    }
    this.formerFamilyName = former;
    int phoneDraw = random.nextInt(2000);
    this.phone = random.nextInt(5) == 0 ? -1 : phoneDraw;
    long lifeDays = asOf.toEpochDay() - dateOfBirth.toEpochDay();
    // movers registered in the new borough at the move; everyone else some time since birth (at most 30 years back)
    long registeredDaysAgo = 1 + random.nextLong(Math.max(1, Math.min(lifeDays, 30L * 365)));
    long movedDaysAgo = 1 + random.nextLong(Math.max(1, Math.min(lifeDays, 5L * 365)));
    if (previous != null) {
      this.registrationDate = asOf.minusDays(movedDaysAgo);
      long span = Math.max(0, (registrationDate.toEpochDay() - dateOfBirth.toEpochDay()));
      this.previousRegistrationDate = registrationDate.minusDays(random.nextLong(span + 1));
    } else {
      this.registrationDate = asOf.minusDays(Math.min(registeredDaysAgo, lifeDays));
      this.previousRegistrationDate = null;
    }
    int bits = 0;
    for (Condition condition : Condition.values()) {
      double draw = random.nextDouble();
      double onsetDraw = random.nextDouble();
      double probability = condition.probability(ageAtAsOf, area.imdDecile());
      if (calibrated) {
        // people who die between LIFE_EVENTS_FROM and a night leave the recorded population; their conditions with them
        probability = Math.min(0.95, probability * Math.exp(baseMortality(ageAtAsOf) * mortalityMultiplier(condition) * SURVIVAL_YEARS));
      }
      if (draw < probability) {
        bits |= 1 << condition.ordinal();
        LocalDate earliest = dateOfBirth.plusYears(Math.min(condition.onsetMinAge(), ageAtAsOf));
        LocalDate from = earliest.isBefore(asOf.minusYears(20)) ? asOf.minusYears(20) : earliest;
        long span = Math.max(1, asOf.toEpochDay() - 1 - from.toEpochDay());
        onset[condition.ordinal()] = from.plusDays((long) (onsetDraw * span));
      }
    }
    this.conditions = bits;
    if (calibrated) {
      SplittableRandom life = new SplittableRandom(Mix.mix(seed ^ 0x4C494645L, index));
      for (Condition condition : Condition.values()) {
        double draw = life.nextDouble();
        double day = life.nextDouble();
        if (has(condition)) {
          onset[condition.ordinal()] = calibratedOnset(condition, draw, day);
        }
      }
      double deathDraw = life.nextDouble();
      double leavingDraw = life.nextDouble();
      LocalDate from = dateOfBirth.isAfter(LIFE_EVENTS_FROM) ? dateOfBirth : LIFE_EVENTS_FROM;
      LocalDate death = after(from, yearlyMortality(), deathDraw);
      LocalDate settled = registrationDate.isAfter(from) ? registrationDate : from;
      LocalDate left = after(settled, LEAVING_RATE, leavingDraw);
      if (left != null && death != null && !left.isBefore(death)) {
        left = null;
      }
      this.deathDate = death;
      this.leftDate = left;
    } else {
      this.deathDate = null;
      this.leftDate = null;
    }
  }

  /** The day an event with this constant yearly hazard happens after {@code from}, or null if not before {@link #LIFE_EVENTS_UNTIL}. */
  private static LocalDate after(LocalDate from, double yearlyRate, double draw) {
    double years = -Math.log(1 - draw) / yearlyRate;
    if (years > 40) {
      return null;
    }
    LocalDate when = from.plusDays(1 + (long) (years * 365.25));
    return when.isBefore(LIFE_EVENTS_UNTIL) ? when : null;
  }

  /** Yearly chance of dying: a Gompertz curve by age, raised by conditions (about 1.2% of people a year; England about 0.9%). */
  double yearlyMortality() {
    double rate = baseMortality(ageAtAsOf);
    for (Condition condition : Condition.values()) {
      rate *= has(condition) ? mortalityMultiplier(condition) : 1;
    }
    return Math.min(0.6, rate);
  }

  /**
   * Years of deaths before a typical night, for which a condition's chance is raised in the
   * calibrated model so recorded prevalence among the living stays at the configured rate.
   */
  private static final double SURVIVAL_YEARS = 2.2;

  /** Yearly chance of dying at this age (England, roughly): 0.4% in the first year, then a Gompertz curve. */
  static double baseMortality(int age) {
    return age == 0 ? 0.004 : 0.000036 * Math.exp(0.0874 * age);
  }

  /** How much a condition raises the chance of dying. */
  static double mortalityMultiplier(Condition condition) {
    return switch (condition) {
      case HEART_FAILURE -> 2.0;
      case DEMENTIA -> 2.5;
      case COPD -> 1.8;
      case CHRONIC_KIDNEY_DISEASE -> 1.4;
      case TYPE_2_DIABETES -> 1.3;
      case SEVERE_MENTAL_ILLNESS -> 1.5;
      default -> 1.0;
    };
  }

  /**
   * Onset in the calibrated model: the age at onset follows the condition's risk by age over the
   * person's life so far, so steep curves (dementia, heart failure) give recent onsets and flat
   * ones (asthma) early ones, and incidence over the history matches the prevalence.
   */
  private LocalDate calibratedOnset(Condition condition, double draw, double day) {
    int minAge = Math.min(condition.onsetMinAge(), ageAtAsOf);
    double total = 0;
    for (int a = minAge; a <= ageAtAsOf; a++) {
      total += condition.onsetWeight(a);
    }
    int chosen = ageAtAsOf;
    if (total > 0) {
      double target = draw * total;
      double running = 0;
      for (int a = minAge; a <= ageAtAsOf; a++) {
        running += condition.onsetWeight(a);
        if (running >= target) {
          chosen = a;
          break;
        }
      }
    } else {
      chosen = minAge + (int) (draw * (ageAtAsOf - minAge + 1));
    }
    LocalDate when = dateOfBirth.plusYears(chosen).plusDays((long) (day * 365));
    LocalDate latest = CALIBRATED_AS_OF.minusDays(1);
    return when.isAfter(latest) ? latest : when.isBefore(dateOfBirth) ? dateOfBirth : when;
  }

  /** Calibrated model: first day the person is in the region's records (born, or registered on arrival). */
  LocalDate activeFrom() {
    LocalDate first = previous != null ? previousRegistrationDate : registrationDate;
    return first.isBefore(dateOfBirth) ? dateOfBirth : first;
  }

  /** Calibrated model: first day the person is no longer in the region's records (died or left), or null. */
  LocalDate activeUntil() {
    return deathDate != null ? deathDate : leftDate;
  }

  /** Whether the person is in the region's records on this day (calibrated model). */
  boolean activeOn(LocalDate day) {
    LocalDate until = activeUntil();
    return !day.isBefore(activeFrom()) && (until == null || day.isBefore(until));
  }

  /** The borough whose practice the person is registered with on this day (movers: the previous one before the move). */
  Borough boroughOn(LocalDate day) {
    return previous != null && day.isBefore(registrationDate) ? previous : home;
  }

  /** The practice (index within {@link #boroughOn}) on this day. */
  int practiceOn(LocalDate day) {
    return previous != null && day.isBefore(registrationDate) ? previousPractice : practice;
  }

  private static char sexOf(double draw) {
    return draw < 0.493 ? 'M' : draw < 0.998 ? 'F' : draw < 0.9985 ? 'I' : 'U';
  }

  /** Mostly from the household's naming culture, sometimes a British name of the birth cohort; never {@code avoid}. */
  private static String givenName(char sex, Names.Culture culture, int birthYear, long givenSeed, String avoid) {
    String name = null;
    for (int attempt = 0; attempt < 16; attempt++) {
      long hash = Mix.mix(givenSeed, attempt); // top bits pick the name, low bits the culture and the list
      Names.Culture from = (hash & 0x3FF) < 819 ? culture : Names.Culture.BRITISH;
      name = Names.given(sex, from, birthYear, Mix.unit(hash), (hash & 0x400) == 0);
      if (!name.equals(avoid)) {
        return name;
      }
    }
    return sex == 'F' ? (name.equals("Mary") ? "Anne" : "Mary") : (name.equals("John") ? "Peter" : "John");
  }

  /** First address line; flats carry a comma, so some lines need CSV quoting. */
  String addressLine() {
    return line(house, street, flat);
  }

  /** First line of the address before the last move. */
  String previousAddressLine() {
    return line(previousHouse, previousStreet, previousFlat);
  }

  private static String line(int house, int street, int flat) {
    String line = house + " " + STREETS[street];
    return flat == 0 ? line : "Flat " + flat + ", " + line;
  }

  /** A number from Ofcom's drama ranges (never a real line), or blank. */
  String telephone() {
    if (phone < 0) {
      return "";
    }
    return (phone < 1000 ? "0161 496 0" : "07700 900") + three(phone % 1000);
  }

  String nhsNumber() {
    if (nhsNumber == null) {
      nhsNumber = NhsNumbers.forPerson(index);
    }
    return nhsNumber;
  }

  /**
   * A valid NHS number that belongs to another synthetic person: the twin's when there is one
   * (the classic mix-up), otherwise someone picked by {@code variant}.
   */
  String someoneElsesNhsNumber(int variant) {
    String own = nhsNumber();
    if (twin >= 0) {
      String number = NhsNumbers.forPerson(twin);
      if (!number.equals(own)) {
        return number;
      }
    }
    long other = index;
    for (int attempt = 0; attempt < 8; attempt++) {
      other = Math.floorMod(index + 1 + Math.floorMod(Mix.mix(variant, attempt), Math.max(1, populationSize - 1)), populationSize);
      String number = NhsNumbers.forPerson(other);
      if (other != index && !number.equals(own)) {
        return number;
      }
    }
    return NhsNumbers.forPerson(index + 1);
  }

  boolean has(Condition condition) {
    return (conditions & (1 << condition.ordinal())) != 0;
  }

  int conditionCount() {
    return Integer.bitCount(conditions);
  }

  int ageOn(LocalDate day) {
    return (int) ((day.toEpochDay() - dateOfBirth.toEpochDay()) / 365.25);
  }

  /** M/F/I/U as EMIS sends it. */
  String emisSex() {
    return String.valueOf(sex);
  }

  /** NHS person stated gender: 1 male, 2 female, 9 indeterminate, X not known. */
  String nhsSex() {
    return switch (sex) {
      case 'M' -> "1";
      case 'F' -> "2";
      case 'I' -> "9";
      default -> "X";
    };
  }

  private static String three(int value) {
    return value < 10 ? "00" + value : value < 100 ? "0" + value : Integer.toString(value);
  }
}
