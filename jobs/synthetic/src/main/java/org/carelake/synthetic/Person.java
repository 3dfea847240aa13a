package org.carelake.synthetic;

import java.time.LocalDate;
import java.util.SplittableRandom;
import org.carelake.geography.Borough;
import org.carelake.geography.PostcodeArea;

/**
 * One synthetic person, derived from (seed, index). The random stream is consumed in a fixed
 * order in the constructor so every attribute is stable whatever a caller reads.
 */
final class Person {
  private static final String[] MALE = {
    "Oliver", "Jack", "Harry", "Mohammed", "George", "Noah", "Leo", "Arthur", "Muhammad", "Oscar",
    "Thomas", "Daniel", "James", "Adam", "Ibrahim", "Kwame", "Liam", "Ryan", "Connor", "Sean"
  };
  private static final String[] FEMALE = {
    "Olivia", "Amelia", "Isla", "Ava", "Aisha", "Fatima", "Grace", "Sophie", "Emily", "Zoë",
    "Siân", "Chloe", "Maryam", "Ella", "Lily", "Hannah", "Niamh", "Ruby", "Ama", "Freya"
  };
  private static final String[] FAMILY = {
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
    "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke",
    "Khan", "Hussain", "Ahmed", "Ali", "Begum", "Patel", "Okafor", "Mensah", "O'Brien", "Kowalski",
    "Nowak", "Murphy", "Shaw", "Lees", "Hughes", "Smith-Jones"
  };
  private static final String[] STREETS = {
    "Oak Road", "Mill Lane", "Church Street", "Victoria Road", "Station Road", "Park Avenue", "Canal Street",
    "Chapel Street", "Moss Lane", "Bury New Road", "Market Street", "Princess Road", "Cotton Close",
    "Weaver Way", "Heaton Grove", "Lark Hill"
  };
  private static final char[] ETHNICITY = "ABCDEFGHJKLMNPRSZ".toCharArray();
  private static final double[] ETHNICITY_SHARE = {
    0.70, 0.01, 0.03, 0.005, 0.005, 0.005, 0.005, 0.025, 0.08, 0.02, 0.015, 0.015, 0.02, 0.01, 0.01, 0.015, 0.04
  };

  final long index;
  final Borough home;
  final Borough previous; // null unless the person moved borough
  final char sex; // M, F, I, U
  final LocalDate dateOfBirth;
  final int ageAtAsOf;
  final char ethnicity;
  final String givenName;
  final String familyName;
  private final int house;
  private final int street;
  private final int flat; // 0 when not a flat
  private final int phone; // -1 when no number on record
  final PostcodeArea area;
  final int practice;
  final LocalDate registrationDate;
  final int previousPractice;
  final LocalDate previousRegistrationDate;
  final int conditions; // bit per Condition ordinal
  final LocalDate[] onset = new LocalDate[Condition.values().length];
  private String nhsNumber;

  Person(Population population, long index, Borough home, Borough previous, SplittableRandom random) {
    this.index = index;
    this.home = home;
    this.previous = previous;
    double sexDraw = random.nextDouble();
    this.sex = sexDraw < 0.493 ? 'M' : sexDraw < 0.998 ? 'F' : sexDraw < 0.9985 ? 'I' : 'U';
    this.ageAtAsOf = AgePyramid.draw(random);
    LocalDate asOf = Population.asOf();
    this.dateOfBirth = asOf.minusYears(ageAtAsOf).minusDays(1 + random.nextInt(364));
    double ethnicDraw = random.nextDouble();
    int e = 0;
    for (double cumulative = ETHNICITY_SHARE[0]; e < ETHNICITY.length - 1 && ethnicDraw >= cumulative; ) {
      e++;
      cumulative += ETHNICITY_SHARE[e];
    }
    this.ethnicity = ETHNICITY[e];
    String[] givenNames = sex == 'M' ? MALE : sex == 'F' ? FEMALE : (random.nextBoolean() ? MALE : FEMALE);
    this.givenName = givenNames[random.nextInt(givenNames.length)];
    this.familyName = FAMILY[random.nextInt(FAMILY.length)];
    this.house = 1 + random.nextInt(180);
    this.street = random.nextInt(STREETS.length);
    int flatDraw = random.nextInt(12);
    this.flat = random.nextInt(8) == 0 ? 1 + flatDraw : 0;
    int phoneDraw = random.nextInt(2000);
    this.phone = random.nextInt(5) == 0 ? -1 : phoneDraw;
    var postcodes = population.postcodes(home);
    this.area = postcodes.get(random.nextInt(postcodes.size()));
    this.practice = random.nextInt(Population.PRACTICES_PER_BOROUGH);
    long lifeDays = asOf.toEpochDay() - dateOfBirth.toEpochDay();
    // movers registered in the new borough at the move; everyone else some time since birth (at most 30 years back)
    long registeredDaysAgo = 1 + random.nextLong(Math.max(1, Math.min(lifeDays, 30L * 365)));
    long movedDaysAgo = 1 + random.nextLong(Math.max(1, Math.min(lifeDays, 5L * 365)));
    this.previousPractice = random.nextInt(Population.PRACTICES_PER_BOROUGH);
    if (previous != null) {
      this.registrationDate = asOf.minusDays(movedDaysAgo);
      long before = Math.max(0, (registrationDate.toEpochDay() - dateOfBirth.toEpochDay()));
      this.previousRegistrationDate = registrationDate.minusDays(random.nextLong(before + 1));
    } else {
      this.registrationDate = asOf.minusDays(Math.min(registeredDaysAgo, lifeDays));
      this.previousRegistrationDate = null;
    }
    int bits = 0;
    for (Condition condition : Condition.values()) {
      double draw = random.nextDouble();
      double onsetDraw = random.nextDouble();
      if (draw < condition.probability(ageAtAsOf, area.imdDecile())) {
        bits |= 1 << condition.ordinal();
        LocalDate earliest = dateOfBirth.plusYears(Math.min(condition.onsetMinAge(), ageAtAsOf));
        LocalDate from = earliest.isBefore(asOf.minusYears(20)) ? asOf.minusYears(20) : earliest;
        long span = Math.max(1, asOf.toEpochDay() - 1 - from.toEpochDay());
        onset[condition.ordinal()] = from.plusDays((long) (onsetDraw * span));
      }
    }
    this.conditions = bits;
  }

  /** First address line; flats carry a comma, so some lines need CSV quoting. */
  String addressLine() {
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
