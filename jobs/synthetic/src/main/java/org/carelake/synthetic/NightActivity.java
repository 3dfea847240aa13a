package org.carelake.synthetic;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.SplittableRandom;
import org.carelake.geography.Borough;

/**
 * A person's rows for one night. Each feed draws from its own stream seeded by (seed, feed,
 * person, night), so a mover's activity comes out the same whichever borough is being written,
 * and rows land in the borough the care happened in.
 *
 * <p>Nightly rates (per person, before a utilisation factor for age and conditions) are chosen so
 * a night holds about 0.3 rows per person, GP events the most.
 */
final class NightActivity {
  private static final double GP_CONSULTATION = 0.09;
  private static final double REGISTRATION_CHANGE = 0.003;
  private static final double APC = 0.0012;
  private static final double ECDS = 0.0016;
  private static final double OUTPATIENT = 0.012;
  private static final double MENTAL_HEALTH = 0.006;
  private static final double COMMUNITY = 0.035;
  private static final double SOCIAL_CARE = 0.004;
  private static final double OUT_OF_HOURS = 0.004;

  static final String[] ACUTE_TRUST = {"RMC", "RM3", "R0A", "RM3", "RM3", "RM3", "RWJ", "RMP", "R0A", "RRF"};
  static final String[] MH_TRUST = {"RXV", "RT2", "RXV", "RT2", "RT2", "RXV", "RT2", "RT2", "RXV", "RW4"};
  static final String[] OOH_PROVIDER = {"NX1", "NX1", "NX2", "NX3", "NX3", "NX1", "NX2", "NX3", "NX2", "NX1"};
  static final String[] ELECTIVE_DX = {"H25.9", "M17.9", "K80.2", "M16.9", "K40.9", "N18.3"};
  static final String[] ELECTIVE_OP = {"C75.1", "W40.1", "J18.3", "W37.1", "T20.2", "X40.3"};
  static final String[] EMERGENCY_DX = {"J18.9", "N39.0", "R07.4", "K35.8", "S72.0", "I21.9", "J44.1", "I50.0", "R55"};
  static final String[] EMERGENCY_OP = {"", "", "", "H01.1", "W46.1", "K75.1", "", "", ""};
  static final String[] EMERGENCY_METHOD = {"21", "21", "21", "22", "23", "24", "25", "2A", "2B", "2C", "2D", "28"};
  static final String[] CHIEF_COMPLAINT = {"29857009", "21522001", "267036007", "25064002", "422587007", "386661006", "161891005", "271807003", "22253000"};
  static final String[] DISCHARGE = {"306689006", "306689006", "306689006", "306706006", "306691003", "306694006", "306705005", "1066331000000109"};
  static final String[] SPECIALTY = {"100", "101", "110", "120", "130", "160", "300", "320", "330", "340", "361", "400", "410", "430", "502", "503"};
  private static final String[] ATTENDANCE = {"5", "5", "5", "5", "5", "5", "5", "5", "5", "5", "5", "5", "5", "5", "6", "3", "3", "2", "4", "7"};
  static final String[] MH_TEAM = {"A01", "A02", "A05", "A06", "A08", "A09", "A11", "A14", "A17", "A18", "A25", "C02", "C05", "C10"};
  static final String[] CHILD_SERVICE = {"health-visiting", "school-nursing", "speech-therapy", "physiotherapy"};
  static final String[] ADULT_SERVICE = {"physiotherapy", "podiatry", "occupational-therapy", "diabetes-education", "continence", "speech-therapy"};
  static final String[] OLDER_SERVICE = {"district-nursing", "district-nursing", "podiatry", "community-matron", "continence", "occupational-therapy"};
  static final String[] ASC_SERVICE = {"home-care", "home-care", "home-care", "short-term-reablement", "day-care", "direct-payment", "long-term-residential-care", "long-term-nursing-care", "equipment-and-adaptations"};
  static final String[] OOH_TYPE = {"telephone", "telephone", "telephone", "face-to-face", "home-visit"};
  static final String[] OOH_OUTCOME = {"advice-only", "advice-only", "prescription", "referred-to-gp", "referred-to-ed", "admitted", "ambulance-dispatched", "referred-to-other-service"};

  /** Every SNOMED CT concept id the generator writes (tests check each one's Verhoeff digit). */
  static java.util.List<String> snomedCodesUsed() {
    java.util.List<String> codes = new java.util.ArrayList<>(java.util.List.of(
        "271649006", "271650006", "27113001", "60621009", "77176002", "8517006", "266919005", "182836005",
        "999791000000106", "185349003", "50373000", CalibratedActivity.DEATH));
    codes.addAll(java.util.List.of(CHIEF_COMPLAINT));
    codes.addAll(java.util.List.of(DISCHARGE));
    for (Condition condition : Condition.values()) {
      codes.addAll(condition.snomedCodes());
    }
    return codes;
  }

  private final long seed;
  private final LocalDate night;
  private final long day;
  private final boolean initial;
  private final double crossSystemDuplicate;
  private final Ids ids;
  private final CalibratedActivity calibrated; // null in the original model

  NightActivity(GeneratorSettings settings) {
    this.seed = settings.seed();
    this.night = settings.night();
    this.day = night.toEpochDay();
    this.initial = settings.extract() == ExtractKind.INITIAL;
    this.crossSystemDuplicate = settings.rates().crossSystemDuplicate();
    this.ids = new Ids(seed);
    this.calibrated = settings.calibrated() ? new CalibratedActivity(settings, this) : null;
  }

  /** Sends {@code revisions} (late records, corrections, deletions) besides the night's activity: calibrated model only. */
  NightActivity revising(Revisions revisions) {
    if (calibrated != null) {
      calibrated.revising(revisions);
    }
    return this;
  }

  /** Writes the person's rows that belong in {@code borough}'s files. */
  void write(Person p, Borough borough, Map<Feed, ? extends Rows> files) {
    if (calibrated != null) {
      calibrated.write(p, borough, files);
      return;
    }
    if (borough == p.home) {
      gpPatients(p, files);
      gpEvents(p, files);
      gpMedications(p, files);
    } else if (initial && borough == p.previous) {
      boolean emis = Population.isEmisPractice(p.previous, p.previousPractice);
      files.get(emis ? Feed.GP_EMIS_PATIENTS : Feed.GP_TPP_PATIENTS).write(
          registration(p, emis, p.previous, p.previousPractice, p.previousRegistrationDate, p.registrationDate), p);
      crossSystemDuplicates(p, emis, files.get(emis ? Feed.GP_EMIS_EVENTS : Feed.GP_TPP_EVENTS));
    }
    double utilisation = 0.6 + 0.25 * p.conditionCount() + (p.ageAtAsOf >= 65 ? 0.5 : p.ageAtAsOf < 5 ? 0.3 : 0);
    for (Feed feed : new Feed[] {Feed.ACUTE_APC, Feed.ACUTE_ECDS, Feed.ACUTE_OP, Feed.MH_CONTACTS, Feed.COMMUNITY_CONTACTS, Feed.ASC_SERVICES, Feed.OOH_CONTACTS}) {
      long hash = Mix.mix(seed ^ (0x5EED0000L + feed.ordinal()), p.index, day);
      if (Mix.unit(hash) >= rate(feed, p) * utilisation) {
        continue;
      }
      SplittableRandom r = new SplittableRandom(hash);
      Borough where = p.previous != null && r.nextBoolean() ? p.previous : p.home;
      if (where != borough) {
        continue;
      }
      files.get(feed).write(care(feed, p, where, r), p);
    }
  }

  private double rate(Feed feed, Person p) {
    return switch (feed) {
      case ACUTE_APC -> APC;
      case ACUTE_ECDS -> ECDS;
      case ACUTE_OP -> OUTPATIENT;
      case MH_CONTACTS -> MENTAL_HEALTH * (p.has(Condition.SEVERE_MENTAL_ILLNESS) ? 8 : p.has(Condition.DEPRESSION) ? 3 : 0.5);
      case COMMUNITY_CONTACTS -> COMMUNITY * (p.ageAtAsOf >= 75 ? 2.5 : p.ageAtAsOf < 5 ? 1.5 : 0.6);
      case ASC_SERVICES -> SOCIAL_CARE * (p.ageAtAsOf >= 75 ? 4 : p.ageAtAsOf >= 18 ? 0.4 : 0);
      case OOH_CONTACTS -> OUT_OF_HOURS;
      default -> 0;
    };
  }

  private void gpPatients(Person p, Map<Feed, ? extends Rows> files) {
    boolean emis = Population.isEmisPractice(p.home, p.practice);
    long hash = Mix.mix(seed ^ 0x5245474953L, p.index, day);
    if (initial || Mix.unit(hash) < REGISTRATION_CHANGE) {
      files.get(emis ? Feed.GP_EMIS_PATIENTS : Feed.GP_TPP_PATIENTS)
          .write(registration(p, emis, p.home, p.practice, p.registrationDate, null), p);
    }
  }

  /** A registration row; an ended one (the practice before a move) holds the address from then. */
  String[] registration(Person p, boolean emis, Borough borough, int practice, LocalDate from, LocalDate to) {
    DateText text = emis ? DateText.DAY_MONTH_YEAR : DateText.ISO_DATE;
    boolean ended = to != null;
    return new String[] {
      ids.gpPatient(emis, p.index, slot(borough, practice), ended),
      p.nhsNumber(), p.givenName, p.familyName, text.format(p.dateOfBirth), emis ? p.emisSex() : p.nhsSex(),
      String.valueOf(p.ethnicity), ended ? p.previousAddressLine() : p.addressLine(),
      ended ? p.previousArea.postcode() : p.area.postcode(), p.telephone(),
      Population.practiceCode(borough, practice), text.format(from), ended ? text.format(to) : "", ""
    };
  }

  static int slot(Borough borough, int practice) {
    return borough.ordinal() * 100 + practice;
  }

  /**
   * Initial extract, writing the borough a person moved from: each condition recorded before the
   * move is, with the configured probability, also in the previous practice's events extract (its
   * system, its patient id), a duplicate of the event the current practice sends.
   */
  void crossSystemDuplicates(Person p, boolean previousEmis, Rows file) {
    if (crossSystemDuplicate <= 0) {
      return;
    }
    boolean currentEmis = Population.isEmisPractice(p.home, p.practice);
    for (Condition condition : Condition.values()) {
      LocalDate onset = p.onset[condition.ordinal()];
      if (!p.has(condition) || !onset.isBefore(p.registrationDate)
          || Mix.unit(Mix.mix(seed ^ 0x475032475032L, p.index, condition.ordinal())) >= crossSystemDuplicate) {
        continue;
      }
      String original = ids.gpEvent(currentEmis, night, p.index, 500 + condition.ordinal());
      String[] copy = {
        ids.gpEvent(previousEmis, night, p.index, 600 + condition.ordinal()),
        ids.gpPatient(previousEmis, p.index, slot(p.previous, p.previousPractice), true),
        p.nhsNumber(), (previousEmis ? DateText.DAY_MONTH_YEAR : DateText.COMPACT_DATE).format(onset),
        condition.snomed(p), "", "", Population.practiceCode(p.previous, p.previousPractice)
      };
      file.writeCrossSystemDuplicate(copy, p.index, original);
    }
  }

  private void gpEvents(Person p, Map<Feed, ? extends Rows> files) {
    boolean emis = Population.isEmisPractice(p.home, p.practice);
    Rows file = files.get(emis ? Feed.GP_EMIS_EVENTS : Feed.GP_TPP_EVENTS);
    if (initial) {
      for (Condition condition : Condition.values()) {
        if (p.has(condition)) {
          file.write(event(p, emis, 500 + condition.ordinal(), p.onset[condition.ordinal()], condition.snomed(p), "", ""), p);
        }
      }
    }
    double utilisation = 0.6 + 0.25 * p.conditionCount() + (p.ageAtAsOf >= 65 ? 0.5 : p.ageAtAsOf < 5 ? 0.3 : 0);
    long hash = Mix.mix(seed ^ 0x4750L, p.index, day);
    if (Mix.unit(hash) >= GP_CONSULTATION * utilisation) {
      return;
    }
    SplittableRandom r = new SplittableRandom(hash);
    LocalDate date = night.minusDays(1 + r.nextInt(4));
    int events = 1 + r.nextInt(5);
    for (int seq = 0; seq < events; seq++) {
      String[] coded = observation(p, r);
      file.write(event(p, emis, seq, date, coded[0], coded[1], coded[2]), p);
    }
  }

  /**
   * One coded event of a consultation: blood pressure, weight, BMI, smoking status, a review, the
   * person's condition, HbA1c for diabetics, or height; {code, value, units}.
   */
  static String[] observation(Person p, SplittableRandom r) {
    boolean diabetic = p.has(Condition.TYPE_2_DIABETES);
    boolean hypertensive = p.has(Condition.HYPERTENSION);
    double what = r.nextDouble();
    String code;
    String value = "";
    String units = "";
    if (what < 0.22) {
      code = "271649006";
      value = Integer.toString((hypertensive ? 125 : 105) + r.nextInt(45));
      units = "mm[Hg]";
    } else if (what < 0.36) {
      code = "271650006";
      value = Integer.toString((hypertensive ? 75 : 62) + r.nextInt(25));
      units = "mm[Hg]";
    } else if (what < 0.50) {
      code = "27113001";
      value = tenths(p.ageAtAsOf < 16 ? 100 + r.nextInt(500) : 480 + r.nextInt(700));
      units = "kg";
    } else if (what < 0.56) {
      code = "60621009";
      value = tenths(180 + r.nextInt(200));
      units = "kg/m2";
    } else if (what < 0.62) {
      code = p.ageAtAsOf < 16 ? "266919005" : new String[] {"77176002", "8517006", "266919005"}[r.nextInt(3)];
    } else if (what < 0.72) {
      code = "182836005";
    } else if (what < 0.90 && p.conditions != 0) {
      code = Condition.values()[Integer.numberOfTrailingZeros(p.conditions)].snomed(p);
    } else if (diabetic) {
      code = "999791000000106";
      value = Integer.toString(42 + r.nextInt(50));
      units = "mmol/mol";
    } else {
      code = what < 0.95 ? "185349003" : "50373000";
      if (code.equals("50373000")) {
        value = Integer.toString(p.ageAtAsOf < 16 ? 60 + r.nextInt(110) : 150 + r.nextInt(45));
        units = "cm";
      }
    }
    return new String[] {code, value, units};
  }

  /**
   * The night's prescription issues at the person's practice: repeat medicines whose schedule
   * falls on the day before the night (the initial extract also the last issue of each current
   * repeat medicine before that, as it carries the condition history), and now and then an acute
   * issue. Own streams, so the other feeds' rows do not change.
   */
  private void gpMedications(Person p, Map<Feed, ? extends Rows> files) {
    boolean emis = Population.isEmisPractice(p.home, p.practice);
    Rows file = files.get(emis ? Feed.GP_EMIS_MEDICATIONS : Feed.GP_TPP_MEDICATIONS);
    LocalDate day = night.minusDays(1);
    if (p.conditions != 0) {
      LocalDate[] starts = new LocalDate[Medications.REPEAT.size()];
      int mask = Medications.repeats(seed, p, starts);
      for (int m = 0; mask != 0 && m < Medications.REPEAT.size(); m++) {
        if ((mask & (1 << m)) == 0) {
          continue;
        }
        int medicine = m;
        if (initial) { // the initial extract carries each current repeat medicine: its last issue before tonight's
          LocalDate[] last = new LocalDate[1];
          int[] covers = new int[1];
          Medications.issues(seed, p.index, m, starts[m], day.minusDays(100), day, (date, days) -> {
            last[0] = date;
            covers[0] = days;
          });
          if (last[0] != null) {
            file.write(medication(p, emis, p.home, p.practice, medicine, last[0], Medications.REPEAT.get(medicine), covers[0], true), p);
          }
        }
        Medications.issues(seed, p.index, m, starts[m], day, night, (date, days) -> file.write(
            medication(p, emis, p.home, p.practice, medicine, date, Medications.REPEAT.get(medicine), days, true), p));
      }
    }
    double utilisation = 0.6 + 0.25 * p.conditionCount() + (p.ageAtAsOf >= 65 ? 0.5 : p.ageAtAsOf < 5 ? 0.3 : 0);
    long hash = Mix.mix(seed ^ 0x41435554L, p.index, this.day);
    if (Mix.unit(hash) < Medications.ACUTE_PER_YEAR / 365.0 * utilisation) {
      SplittableRandom r = new SplittableRandom(hash);
      file.write(medication(p, emis, p.home, p.practice, 100, day, Medications.acute(r), 28, false), p);
    }
  }

  /** One prescription issue row, in the supplier's layout. */
  String[] medication(Person p, boolean emis, Borough borough, int practice, int seq, LocalDate date, Medications.Medicine medicine,
      int days, boolean repeat) {
    boolean previousPractice = p.previous != null && borough == p.previous && practice == p.previousPractice && borough != p.home;
    return new String[] {
      ids.gpMedication(emis, date, p.index, seq), ids.gpPatient(emis, p.index, slot(borough, practice), previousPractice), p.nhsNumber(),
      (emis ? DateText.DAY_MONTH_YEAR : DateText.COMPACT_DATE).format(date), medicine.dmd(), Medications.quantity(medicine, days),
      medicine.unit(), emis ? (repeat ? "Repeat" : "Acute") : (repeat ? "R" : "A"), Population.practiceCode(borough, practice)
    };
  }

  private String[] event(Person p, boolean emis, int seq, LocalDate date, String code, String value, String units) {
    return new String[] {
      ids.gpEvent(emis, night, p.index, seq), ids.gpPatient(emis, p.index, slot(p.home, p.practice), false), p.nhsNumber(), (emis ? DateText.DAY_MONTH_YEAR : DateText.COMPACT_DATE).format(date),
      code, value, units, Population.practiceCode(p.home, p.practice)
    };
  }

  private String[] care(Feed feed, Person p, Borough where, SplittableRandom r) {
    DateText text = feed.dateText();
    String dob = text.format(p.dateOfBirth);
    String postcode = p.area.postcode();
    String id = ids.care(feed, night, p.index, 0);
    int b = where.ordinal();
    LocalDate date = night.minusDays(1 + r.nextInt(3));
    return switch (feed) {
      case ACUTE_APC -> {
        boolean elective = r.nextDouble() < 0.45;
        int pick = r.nextInt(elective ? ELECTIVE_DX.length : EMERGENCY_DX.length);
        String dx = elective ? ELECTIVE_DX[pick] : EMERGENCY_DX[pick];
        String op = elective ? ELECTIVE_OP[pick] : EMERGENCY_OP[pick];
        if (!elective && p.conditions != 0 && r.nextDouble() < 0.3) {
          dx = Condition.values()[Integer.numberOfTrailingZeros(p.conditions)].icd10(p);
          op = "";
        }
        String method = elective ? (r.nextBoolean() ? "11" : "12") : EMERGENCY_METHOD[r.nextInt(EMERGENCY_METHOD.length)];
        int stay = elective ? r.nextInt(3) : 1 + r.nextInt(12);
        LocalDate admitted = date.minusDays(stay);
        if (admitted.isBefore(p.dateOfBirth)) {
          admitted = p.dateOfBirth;
        }
        String discharged = r.nextDouble() < 0.15 ? "" : text.format(date);
        yield new String[] {id, p.nhsNumber(), dob, p.nhsSex(), postcode, text.format(admitted), discharged, method, dx, op, ACUTE_TRUST[b]};
      }
      case ACUTE_ECDS -> {
        LocalDateTime arrival = date.atTime(r.nextInt(24), r.nextInt(60), r.nextInt(60));
        yield new String[] {id, p.nhsNumber(), dob, p.nhsSex(), postcode, DateText.ISO_TIMESTAMP.format(arrival),
          CHIEF_COMPLAINT[r.nextInt(CHIEF_COMPLAINT.length)], Integer.toString(1 + Math.min(4, r.nextInt(6))),
          r.nextDouble() < 0.05 ? "" : DISCHARGE[r.nextInt(DISCHARGE.length)], ACUTE_TRUST[b]};
      }
      case ACUTE_OP -> new String[] {id, p.nhsNumber(), dob, p.nhsSex(), postcode, text.format(date),
        SPECIALTY[r.nextInt(SPECIALTY.length)], ATTENDANCE[r.nextInt(ATTENDANCE.length)], r.nextInt(3) == 0 ? "1" : "2", ACUTE_TRUST[b]};
      case MH_CONTACTS -> new String[] {id, ids.referral(p.index), p.nhsNumber(), dob, p.nhsSex(), postcode, text.format(date),
        MH_TEAM[r.nextInt(MH_TEAM.length)], ATTENDANCE[r.nextInt(ATTENDANCE.length)], MH_TRUST[b]};
      case COMMUNITY_CONTACTS -> {
        String[] services = p.ageAtAsOf < 12 ? CHILD_SERVICE : p.ageAtAsOf >= 70 ? OLDER_SERVICE : ADULT_SERVICE;
        yield new String[] {id, p.nhsNumber(), dob, p.nhsSex(), postcode, text.format(date), services[r.nextInt(services.length)],
          ATTENDANCE[r.nextInt(ATTENDANCE.length)], ACUTE_TRUST[b]};
      }
      case ASC_SERVICES -> {
        boolean ended = r.nextDouble() < 0.2;
        LocalDate start = ended ? date.minusDays(7 + r.nextInt(120)) : date;
        if (start.isBefore(p.dateOfBirth)) {
          start = p.dateOfBirth;
        }
        String reason = p.has(Condition.DEMENTIA) ? "memory-and-cognition"
            : p.has(Condition.SEVERE_MENTAL_ILLNESS) ? "mental-health-support"
            : new String[] {"physical-support", "physical-support", "physical-support", "sensory-support", "social-support", "learning-disability"}[r.nextInt(6)];
        yield new String[] {id, p.nhsNumber(), dob, p.nhsSex(), postcode, text.format(start), ended ? text.format(date) : "",
          ASC_SERVICE[r.nextInt(ASC_SERVICE.length)], reason, where.onsCode()};
      }
      case OOH_CONTACTS -> {
        int hour = r.nextBoolean() ? 18 + r.nextInt(6) : r.nextInt(8);
        yield new String[] {id, p.nhsNumber(), dob, p.nhsSex(), postcode, DateText.DAY_MONTH_YEAR_MINUTES.format(date.atTime(hour, r.nextInt(60))),
          OOH_TYPE[r.nextInt(OOH_TYPE.length)], OOH_OUTCOME[r.nextInt(OOH_OUTCOME.length)], OOH_PROVIDER[b]};
      }
      default -> throw new IllegalArgumentException("not a care feed: " + feed);
    };
  }

  private static String tenths(int value) {
    return value / 10 + "." + value % 10;
  }
}
