package org.carelake.synthetic;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.SplittableRandom;
import org.carelake.geography.Borough;

/**
 * The calibrated model ({@code --history-years} Y &gt; 0): a person's activity in every setting at
 * national yearly rates per person, varying with age, sex, deprivation and conditions, with
 * winter seasonality, over a window of days. The initial extract's window is the Y years before
 * the night; a later night's is the day before it, so a night carries a 365th of a year's rates.
 * People are in the records only between {@link Person#activeFrom()} (birth, or registering on
 * arrival in the region) and {@link Person#activeUntil()} (death, or leaving).
 *
 * <p>Counts are drawn per setting and calendar month of the window from a Poisson distribution
 * whose mean is the yearly rate x the person's multiplier x the days / 365.25 x the month's
 * seasonal factor (a cosine peaking in January, averaging 1 over a year). Multipliers are
 * normalised over a fixed reference population so the population mean is the target rate.
 * Every draw comes from a stream seeded by (seed, setting, person, window start), and ids pack the
 * care date with a sequence unique within the person's month, so ids never repeat across nights.
 * An increment also sends {@link Revisions} (late records, corrections, deletions) after each
 * person's activity; because a window's rows depend only on those seeds, a later night can
 * regenerate what this one sent.
 */
final class CalibratedActivity {
  /** Yearly targets per person (national figures, England, rounded). */
  static final double GP_EVENTS_PER_YEAR = 23.0; // coded events and observations; prescriptions come on top (about 7 a year)
  static final double GP_CODED_PER_YEAR = 30.0; // events + prescriptions
  static final double EVENTS_PER_CONSULTATION = 2.5;
  static final double ADMISSIONS_PER_YEAR = 0.35;
  static final double EMERGENCY_SHARE = 0.40;
  static final double EMERGENCY_ATTENDANCES_PER_YEAR = 0.40;
  static final double OUTPATIENT_PER_YEAR = 1.4;
  static final double NOT_ATTENDED_SHARE = 0.07;
  static final double MENTAL_HEALTH_PER_YEAR = 0.45;
  static final double COMMUNITY_PER_YEAR = 1.5;
  static final double SOCIAL_CARE_PER_YEAR = 0.06;
  static final double OUT_OF_HOURS_PER_YEAR = 0.12;
  /** Share of registrations re-sent on a night with changed details (as the original model). */
  static final double REGISTRATION_CHANGE = 0.003;
  /** SNOMED CT: death (event). */
  static final String DEATH = "419620001";

  /** A setting with its yearly target, winter amplitude and the feed its rows go to (null: GP, two formats). */
  enum Setting {
    GP_CONSULTATION(GP_EVENTS_PER_YEAR / EVENTS_PER_CONSULTATION, 0.10, null),
    ACUTE_PRESCRIPTION(Medications.ACUTE_PER_YEAR, 0.15, null),
    ADMISSION(ADMISSIONS_PER_YEAR, 0.10, Feed.ACUTE_APC),
    EMERGENCY_ATTENDANCE(EMERGENCY_ATTENDANCES_PER_YEAR, 0.08, Feed.ACUTE_ECDS),
    OUTPATIENT(OUTPATIENT_PER_YEAR, 0.0, Feed.ACUTE_OP),
    MENTAL_HEALTH(MENTAL_HEALTH_PER_YEAR, 0.0, Feed.MH_CONTACTS),
    COMMUNITY(COMMUNITY_PER_YEAR, 0.05, Feed.COMMUNITY_CONTACTS),
    SOCIAL_CARE(SOCIAL_CARE_PER_YEAR, 0.0, Feed.ASC_SERVICES),
    OUT_OF_HOURS(OUT_OF_HOURS_PER_YEAR, 0.20, Feed.OOH_CONTACTS);

    final double perYear;
    final double winter;
    final Feed feed;
    private double base; // per-year rate for a multiplier of 1, set by the normalisation below

    Setting(double perYear, double winter, Feed feed) {
      this.perYear = perYear;
      this.winter = winter;
      this.feed = feed;
    }

    /** Seasonal factor of a month (1-12): 1 + winter x cos, highest in January, mean 1 over the year. */
    double season(int month) {
      return 1 + winter * SEASON[month - 1];
    }

    /** Expected events per year for this person. */
    double yearly(Person p) {
      return base * multiplier(this, p);
    }
  }

  private static final double[] SEASON = new double[12];
  /** Size and seed of the reference population the multipliers are normalised over. */
  static final int REFERENCE_PERSONS = 20_000;
  private static final long REFERENCE_SEED = 0x5EED_CA1BL;

  static {
    for (int m = 0; m < 12; m++) {
      SEASON[m] = Math.cos(2 * Math.PI * m / 12.0);
    }
    Population reference = new Population(REFERENCE_SEED, REFERENCE_PERSONS, true);
    double[] weighted = new double[Setting.values().length];
    double weights = 0;
    LocalDate from = Person.CALIBRATED_AS_OF.minusYears(2);
    LocalDate to = Person.CALIBRATED_AS_OF;
    for (long i = 0; i < REFERENCE_PERSONS; i++) {
      Person p = reference.person(i);
      double years = activeDays(p, from, to) / 365.25;
      if (years <= 0) {
        continue;
      }
      weights += years;
      for (Setting s : Setting.values()) {
        weighted[s.ordinal()] += years * multiplier(s, p);
      }
    }
    for (Setting s : Setting.values()) {
      s.base = s.perYear / (weighted[s.ordinal()] / weights);
    }
  }

  private final long seed;
  private final LocalDate night;
  private final boolean initial;
  private final int historyYears;
  private final Ids ids;
  private final NightActivity original;
  private Revisions revisions; // late records, corrections and deletions sent besides the activity (null: none)

  CalibratedActivity(GeneratorSettings settings, NightActivity original) {
    this.seed = settings.seed();
    this.night = settings.night();
    this.initial = settings.extract() == ExtractKind.INITIAL;
    this.historyYears = settings.historyYears();
    this.ids = new Ids(seed);
    this.original = original;
  }

  /** First day of the window this extract covers. */
  LocalDate windowStart() {
    return initial ? night.minusYears(historyYears) : night.minusDays(1);
  }

  /** Days the person is in the records within [from, to). */
  static long activeDays(Person p, LocalDate from, LocalDate to) {
    LocalDate start = p.activeFrom().isAfter(from) ? p.activeFrom() : from;
    LocalDate until = p.activeUntil();
    LocalDate end = until == null || until.isAfter(to) ? to : until;
    return Math.max(0, end.toEpochDay() - start.toEpochDay());
  }

  /**
   * Relative use of a setting by age, sex, deprivation (IMD decile, 1 most deprived) and
   * conditions; normalised so the population mean is 1 (see the static block).
   */
  static double multiplier(Setting s, Person p) {
    int age = p.ageAtAsOf;
    boolean female = p.sex == 'F';
    double deprivation = 5.5 - p.area.imdDecile(); // +4.5 most deprived .. -4.5 least
    int conditions = p.conditionCount();
    return switch (s) {
      case GP_CONSULTATION, ACUTE_PRESCRIPTION -> (age < 5 ? 1.1 : age < 16 ? 0.5 : age < 45 ? 0.7 : age < 65 ? 1.0 : age < 75 ? 1.6 : 2.1)
          * (female && age >= 16 && age < 65 ? 1.35 : 1) * (1 + 0.35 * conditions) * (1 + 0.03 * deprivation);
      case ADMISSION -> (age < 5 ? 0.8 : age < 16 ? 0.3 : age < 45 ? (female ? 0.9 : 0.5) : age < 65 ? 1.0 : age < 75 ? 2.0 : 3.2)
          * (1 + 0.3 * conditions) * (1 + 0.04 * deprivation);
      case EMERGENCY_ATTENDANCE -> (age < 5 ? 1.4 : age < 16 ? 0.8 : age < 45 ? 1.0 : age < 65 ? 0.8 : age < 75 ? 1.0 : 1.8)
          * (1 + 0.2 * conditions) * (1 + 0.06 * deprivation);
      case OUTPATIENT -> (age < 16 ? 0.5 : age < 45 ? (female ? 1.0 : 0.6) : age < 65 ? 1.2 : 1.8) * (1 + 0.3 * conditions);
      case MENTAL_HEALTH -> (age < 5 ? 0 : age < 18 ? 0.6 : age < 65 ? 1.0 : 0.8)
          * (p.has(Condition.SEVERE_MENTAL_ILLNESS) ? 15 : p.has(Condition.DEPRESSION) ? 3 : p.has(Condition.DEMENTIA) ? 2 : 0.3)
          * (1 + 0.05 * deprivation);
      case COMMUNITY -> (age < 5 ? 2.0 : age < 16 ? 0.6 : age < 65 ? 0.4 : age < 75 ? 1.5 : 5.0) * (1 + 0.2 * conditions);
      case SOCIAL_CARE -> (age < 18 ? 0 : age < 65 ? 0.3 : age < 75 ? 1.5 : age < 85 ? 4.0 : 10.0)
          * (p.has(Condition.DEMENTIA) ? 4 : 1) * (p.has(Condition.SEVERE_MENTAL_ILLNESS) ? 3 : 1);
      case OUT_OF_HOURS -> (age < 5 ? 2.0 : age < 16 ? 0.8 : age < 65 ? 0.9 : 1.3) * (1 + 0.05 * deprivation);
    };
  }

  /** Sends {@code revisions} besides the night's activity. */
  void revising(Revisions revisions) {
    this.revisions = revisions;
  }

  NightActivity original() {
    return original;
  }

  /** Writes the person's rows that belong in {@code borough}'s files: the window's activity, then any revisions of earlier nights. */
  void write(Person p, Borough borough, Map<Feed, ? extends Rows> files) {
    activity(p, borough, files);
    if (revisions != null) {
      revisions.write(p, borough, files, this);
    }
  }

  private void activity(Person p, Borough borough, Map<Feed, ? extends Rows> files) {
    LocalDate from = windowStart();
    registrations(p, borough, files, from);
    LocalDate start = p.activeFrom().isAfter(from) ? p.activeFrom() : from;
    LocalDate until = p.activeUntil();
    LocalDate end = until == null || until.isAfter(night) ? night : until;
    if (!start.isBefore(end)) {
      return;
    }
    LocalDate last = end.minusDays(1);
    Borough gpBorough = p.boroughOn(last);
    int gpPractice = p.practiceOn(last);
    if (gpBorough == borough) {
      boolean emis = Population.isEmisPractice(gpBorough, gpPractice);
      gpEvents(p, emis, gpBorough, gpPractice, files.get(emis ? Feed.GP_EMIS_EVENTS : Feed.GP_TPP_EVENTS), from, start, end);
      medications(p, emis, gpBorough, gpPractice, files.get(emis ? Feed.GP_EMIS_MEDICATIONS : Feed.GP_TPP_MEDICATIONS), from, start, end);
    }
    if (initial && p.previous == borough && p.registrationDate.isBefore(night) && (until == null || until.isAfter(p.registrationDate))) {
      boolean previousEmis = Population.isEmisPractice(p.previous, p.previousPractice);
      original.crossSystemDuplicates(p, previousEmis, files.get(previousEmis ? Feed.GP_EMIS_EVENTS : Feed.GP_TPP_EVENTS));
    }
    for (Setting s : Setting.values()) {
      if (s.feed != null) {
        care(s, p, borough, files.get(s.feed), from, start, end);
      }
    }
  }

  // ---------------------------------------------------------------- registrations

  private void registrations(Person p, Borough borough, Map<Feed, ? extends Rows> files, LocalDate from) {
    LocalDate until = p.activeUntil();
    LocalDate endedBefore = until != null && until.isBefore(night) ? until : null; // death or leaving already happened
    if (p.previous != null && borough == p.previous) {
      // the practice before the move: open until the move (or death before it)
      LocalDate ended = p.registrationDate.isBefore(night) ? p.registrationDate : null;
      if (endedBefore != null && (ended == null || endedBefore.isBefore(ended))) {
        ended = endedBefore;
      }
      boolean started = p.previousRegistrationDate.isBefore(night);
      boolean inWindow = ended == null || !ended.isBefore(from);
      boolean send = initial ? started && inWindow
          : ended != null && !ended.isBefore(from) || changed(p, p.previousRegistrationDate, ended);
      if (send && started && (ended == null || !ended.isBefore(p.previousRegistrationDate))) {
        write(p, files, p.previous, p.previousPractice, true, p.previousRegistrationDate, ended);
      }
    }
    if (borough == p.home) {
      LocalDate begun = p.previous != null ? p.registrationDate : p.activeFrom();
      boolean started = begun.isBefore(night);
      boolean inWindow = endedBefore == null || !endedBefore.isBefore(from);
      boolean send = initial ? started && inWindow
          : !begun.isBefore(from) || endedBefore != null && !endedBefore.isBefore(from) || changed(p, begun, endedBefore);
      if (send && started && (endedBefore == null || !endedBefore.isBefore(begun))) { // not if they died (or left) before registering
        write(p, files, p.home, p.practice, false, begun, endedBefore);
      }
    }
  }

  /** A later night re-sends an open registration with changed details now and then. */
  private boolean changed(Person p, LocalDate begun, LocalDate ended) {
    return ended == null && begun.isBefore(night)
        && Mix.unit(Mix.mix(seed ^ 0x5245474953L, p.index, night.toEpochDay())) < REGISTRATION_CHANGE;
  }

  private void write(Person p, Map<Feed, ? extends Rows> files, Borough borough, int practice, boolean previousPractice, LocalDate begun,
      LocalDate ended) {
    boolean emis = Population.isEmisPractice(borough, practice);
    DateText text = emis ? DateText.DAY_MONTH_YEAR : DateText.ISO_DATE;
    String[] row = {
      ids.gpPatient(emis, p.index, NightActivity.slot(borough, practice), previousPractice),
      p.nhsNumber(), p.givenName, p.familyName, text.format(p.dateOfBirth), emis ? p.emisSex() : p.nhsSex(),
      String.valueOf(p.ethnicity), previousPractice ? p.previousAddressLine() : p.addressLine(),
      previousPractice ? p.previousArea.postcode() : p.area.postcode(), p.telephone(),
      Population.practiceCode(borough, practice), text.format(begun), ended == null ? "" : text.format(ended),
      ended != null && ended.equals(p.deathDate) ? text.format(ended) : ""
    };
    files.get(emis ? Feed.GP_EMIS_PATIENTS : Feed.GP_TPP_PATIENTS).write(row, p);
  }

  // ---------------------------------------------------------------- GP events and prescriptions

  private void gpEvents(Person p, boolean emis, Borough borough, int practice, Rows file, LocalDate from, LocalDate start, LocalDate end) {
    DateText text = emis ? DateText.DAY_MONTH_YEAR : DateText.COMPACT_DATE;
    String patient = ids.gpPatient(emis, p.index, NightActivity.slot(borough, practice), borough != p.home);
    String practiceCode = Population.practiceCode(borough, practice);
    for (Condition condition : Condition.values()) {
      LocalDate onset = p.onset[condition.ordinal()];
      // the initial extract holds every condition recorded so far; a later night the ones diagnosed in its window
      if (p.has(condition) && onset.isBefore(night) && (initial || !onset.isBefore(from))) {
        file.write(new String[] {ids.gpEvent(emis, night, p.index, 500 + condition.ordinal()), patient, p.nhsNumber(),
          text.format(onset), condition.snomed(p), "", "", practiceCode}, p);
      }
    }
    SplittableRandom r = stream(Setting.GP_CONSULTATION, p, from);
    double yearly = Setting.GP_CONSULTATION.yearly(p);
    forEachMonth(start, end, (monthStart, days) -> {
      int consultations = poisson(yearly * days / 365.25 * Setting.GP_CONSULTATION.season(monthStart.getMonthValue()), r);
      int seq = 100;
      for (int c = 0; c < consultations; c++) {
        LocalDate date = monthStart.plusDays(r.nextInt(days));
        int events = 1 + r.nextInt(4);
        for (int e = 0; e < events && seq < 500; e++, seq++) {
          String[] coded = NightActivity.observation(p, r);
          file.write(new String[] {ids.gpEvent(emis, date, p.index, seq), patient, p.nhsNumber(), text.format(date),
            coded[0], coded[1], coded[2], practiceCode}, p);
        }
      }
    });
    if (p.deathDate != null && !p.deathDate.isBefore(from) && p.deathDate.isBefore(night)) {
      file.write(new String[] {ids.gpEvent(emis, p.deathDate, p.index, 99), patient, p.nhsNumber(), text.format(p.deathDate),
        DEATH, "", "", practiceCode}, p);
    }
  }

  private void medications(Person p, boolean emis, Borough borough, int practice, Rows file, LocalDate from, LocalDate start,
      LocalDate end) {
    if (p.conditions != 0) {
      LocalDate[] starts = new LocalDate[Medications.REPEAT.size()];
      int mask = Medications.repeats(seed, p, starts);
      for (int m = 0; mask != 0 && m < Medications.REPEAT.size(); m++) {
        if ((mask & (1 << m)) == 0) {
          continue;
        }
        int medicine = m;
        Medications.issues(seed, p.index, m, starts[m], start, end, (date, days) -> file.write(
            original.medication(p, emis, borough, practice, medicine, date, Medications.REPEAT.get(medicine), days, true), p));
      }
    }
    SplittableRandom r = stream(Setting.ACUTE_PRESCRIPTION, p, from);
    double yearly = Setting.ACUTE_PRESCRIPTION.yearly(p);
    forEachMonth(start, end, (monthStart, days) -> {
      int issues = poisson(yearly * days / 365.25 * Setting.ACUTE_PRESCRIPTION.season(monthStart.getMonthValue()), r);
      for (int k = 0; k < issues && k < 400; k++) {
        LocalDate date = monthStart.plusDays(r.nextInt(days));
        file.write(original.medication(p, emis, borough, practice, 100 + k, date, Medications.acute(r), 28, false), p);
      }
    });
  }

  // ---------------------------------------------------------------- care settings

  private void care(Setting s, Person p, Borough borough, Rows file, LocalDate from, LocalDate start, LocalDate end) {
    double yearly = s.yearly(p);
    if (yearly <= 0) {
      return;
    }
    SplittableRandom r = stream(s, p, from);
    forEachMonth(start, end, (monthStart, days) -> {
      int count = poisson(yearly * days / 365.25 * s.season(monthStart.getMonthValue()), r);
      for (int k = 0; k < count; k++) {
        LocalDate date = monthStart.plusDays(r.nextInt(days));
        String[] row = careRow(s, p, date, k, r); // always drawn, so the stream does not depend on the borough written
        if (k < 7 && p.boroughOn(date) == borough) {
          file.write(row, p, ids.care(s.feed, date, p.index, 3 + 2 * k));
        }
      }
    });
  }

  String[] careRow(Setting s, Person p, LocalDate date, int k, SplittableRandom r) {
    Feed feed = s.feed;
    DateText text = feed.dateText();
    String dob = text.format(p.dateOfBirth);
    String postcode = p.boroughOn(date) == p.home ? p.area.postcode() : p.previousArea.postcode();
    String id = ids.care(feed, date, p.index, 2 + 2 * k);
    int b = p.boroughOn(date).ordinal();
    return switch (s) {
      case ADMISSION -> {
        boolean emergency = r.nextDouble() < EMERGENCY_SHARE;
        int pick = r.nextInt(emergency ? NightActivity.EMERGENCY_DX.length : NightActivity.ELECTIVE_DX.length);
        String dx = emergency ? NightActivity.EMERGENCY_DX[pick] : NightActivity.ELECTIVE_DX[pick];
        String op = emergency ? NightActivity.EMERGENCY_OP[pick] : NightActivity.ELECTIVE_OP[pick];
        if (emergency && p.conditions != 0 && r.nextDouble() < 0.3) {
          dx = Condition.values()[Integer.numberOfTrailingZeros(p.conditions)].icd10(p);
          op = "";
        }
        String method = emergency ? NightActivity.EMERGENCY_METHOD[r.nextInt(NightActivity.EMERGENCY_METHOD.length)]
            : (r.nextBoolean() ? "11" : "12");
        int stay = lengthOfStay(emergency, p.ageAtAsOf, r);
        LocalDate discharged = date.plusDays(stay);
        yield new String[] {id, p.nhsNumber(), dob, p.nhsSex(), postcode, text.format(date),
          discharged.isBefore(night) ? text.format(discharged) : "", method, dx, op, NightActivity.ACUTE_TRUST[b]};
      }
      case EMERGENCY_ATTENDANCE -> {
        LocalDateTime arrival = date.atTime(r.nextInt(24), r.nextInt(60), r.nextInt(60));
        yield new String[] {id, p.nhsNumber(), dob, p.nhsSex(), postcode, DateText.ISO_TIMESTAMP.format(arrival),
          NightActivity.CHIEF_COMPLAINT[r.nextInt(NightActivity.CHIEF_COMPLAINT.length)], Integer.toString(1 + Math.min(4, r.nextInt(6))),
          r.nextDouble() < 0.05 ? "" : NightActivity.DISCHARGE[r.nextInt(NightActivity.DISCHARGE.length)], NightActivity.ACUTE_TRUST[b]};
      }
      case OUTPATIENT -> new String[] {id, p.nhsNumber(), dob, p.nhsSex(), postcode, text.format(date),
        NightActivity.SPECIALTY[r.nextInt(NightActivity.SPECIALTY.length)], attendance(r), r.nextInt(3) == 0 ? "1" : "2",
        NightActivity.ACUTE_TRUST[b]};
      case MENTAL_HEALTH -> new String[] {id, ids.referral(p.index), p.nhsNumber(), dob, p.nhsSex(), postcode, text.format(date),
        NightActivity.MH_TEAM[r.nextInt(NightActivity.MH_TEAM.length)], attendance(r), NightActivity.MH_TRUST[b]};
      case COMMUNITY -> {
        String[] services = p.ageAtAsOf < 12 ? NightActivity.CHILD_SERVICE : p.ageAtAsOf >= 70 ? NightActivity.OLDER_SERVICE
            : NightActivity.ADULT_SERVICE;
        yield new String[] {id, p.nhsNumber(), dob, p.nhsSex(), postcode, text.format(date), services[r.nextInt(services.length)],
          attendance(r), NightActivity.ACUTE_TRUST[b]};
      }
      case SOCIAL_CARE -> {
        LocalDate ended = r.nextDouble() < 0.3 ? date.plusDays(7 + r.nextInt(120)) : null;
        String reason = p.has(Condition.DEMENTIA) ? "memory-and-cognition"
            : p.has(Condition.SEVERE_MENTAL_ILLNESS) ? "mental-health-support"
            : new String[] {"physical-support", "physical-support", "physical-support", "sensory-support", "social-support",
              "learning-disability"}[r.nextInt(6)];
        yield new String[] {id, p.nhsNumber(), dob, p.nhsSex(), postcode, text.format(date),
          ended != null && ended.isBefore(night) ? text.format(ended) : "",
          NightActivity.ASC_SERVICE[r.nextInt(NightActivity.ASC_SERVICE.length)], reason, p.boroughOn(date).onsCode()};
      }
      case OUT_OF_HOURS -> {
        int hour = r.nextBoolean() ? 18 + r.nextInt(6) : r.nextInt(8);
        yield new String[] {id, p.nhsNumber(), dob, p.nhsSex(), postcode,
          DateText.DAY_MONTH_YEAR_MINUTES.format(date.atTime(hour, r.nextInt(60))),
          NightActivity.OOH_TYPE[r.nextInt(NightActivity.OOH_TYPE.length)], NightActivity.OOH_OUTCOME[r.nextInt(NightActivity.OOH_OUTCOME.length)],
          NightActivity.OOH_PROVIDER[b]};
      }
      default -> throw new IllegalArgumentException("not a care setting: " + s);
    };
  }

  /**
   * Nights in hospital: elective mostly day cases (about 0.6 days on average), emergency about 2
   * days under 65 and 7 from 65 (about a quarter discharged the same day).
   */
  static int lengthOfStay(boolean emergency, int age, SplittableRandom r) {
    if (!emergency) {
      return r.nextDouble() < 0.7 ? 0 : 1 + geometric(1.0, r);
    }
    if (r.nextDouble() < 0.25) {
      return 0;
    }
    return 1 + geometric(age >= 65 ? 8.0 : 2.0, r);
  }

  /** A geometric count (0, 1, ...) with this mean. */
  private static int geometric(double mean, SplittableRandom r) {
    double p = 1 / (1 + mean);
    return (int) Math.min(365, Math.floor(Math.log(1 - r.nextDouble()) / Math.log(1 - p)));
  }

  /** Attendance (NHS data dictionary ATTENDED OR DID NOT ATTEND): 5 seen, 6 late but seen, 7 late not seen, 3 did not attend, 2 and 4 cancelled. */
  static String attendance(SplittableRandom r) {
    double u = r.nextDouble();
    return u < NOT_ATTENDED_SHARE ? "3" : u < NOT_ATTENDED_SHARE + 0.03 ? "2" : u < NOT_ATTENDED_SHARE + 0.06 ? "4"
        : u < NOT_ATTENDED_SHARE + 0.07 ? "7" : u < NOT_ATTENDED_SHARE + 0.09 ? "6" : "5";
  }

  // ---------------------------------------------------------------- helpers

  private SplittableRandom stream(Setting s, Person p, LocalDate from) {
    return new SplittableRandom(Mix.mix(seed ^ (0xCA1B0000L + s.ordinal()), p.index, from.toEpochDay()));
  }

  /** Calls {@code block} for each calendar month's part of [start, end): its first day and its length in days. */
  static void forEachMonth(LocalDate start, LocalDate end, MonthBlock block) {
    LocalDate cursor = start;
    while (cursor.isBefore(end)) {
      LocalDate next = cursor.withDayOfMonth(1).plusMonths(1);
      LocalDate stop = next.isBefore(end) ? next : end;
      block.accept(cursor, (int) (stop.toEpochDay() - cursor.toEpochDay()));
      cursor = stop;
    }
  }

  interface MonthBlock {
    void accept(LocalDate first, int days);
  }

  /** A Poisson count (Knuth's method below 30, a rounded normal above). */
  static int poisson(double mean, SplittableRandom r) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 30) {
      double u1 = 1 - r.nextDouble();
      double u2 = r.nextDouble();
      double z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
    }
    double limit = Math.exp(-mean);
    int k = 0;
    double product = r.nextDouble();
    while (product > limit) {
      k++;
      product *= r.nextDouble();
    }
    return k;
  }
}
