package org.carelake.synthetic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carelake.geography.Borough;
import org.carelake.synthetic.CalibratedActivity.Setting;

/**
 * Nights as sources send them (the calibrated model's increments): besides the night's own
 * activity, an increment carries rows that revise what earlier nights sent, at the
 * {@link RevisionRates} of the settings.
 *
 * <ul>
 *   <li><b>Late records</b>: new records whose care date is 2 to 29 days before the night. Each
 *       (setting, person, care date) has one draw, from a hash, that says whether it has a late
 *       record and on which of the following {@value #LOOKBACK_NIGHTS} nights it is sent, so a
 *       late record is sent exactly once and keeps an id no other record has. They are rows like
 *       any other (they may carry defects) and come on top of the night's activity.
 *   <li><b>Corrections</b>: a record sent in the last {@value #LOOKBACK_NIGHTS} nights re-sent
 *       under its source record id with one clinical field changed (a value, a date, a code, an
 *       attendance status; see {@link #corrected}); the newest wins. Every activity feed keys
 *       silver by its source record id, so every one may send them.
 *   <li><b>Deletions</b>: a GP event sent in the last {@value #LOOKBACK_NIGHTS} nights re-sent
 *       with its deleted flag set. Only the GP event contracts declare {@code deleted}.
 * </ul>
 *
 * <p>How the generator knows what it sent: it keeps no list of records. A night is a
 * deterministic function of (seed, night, persons, history years), so the records an earlier
 * night sent for one person can be regenerated person by person. Which earlier nights were sent
 * is read from their manifests in the same ground-truth folder (same seed, persons and history
 * years): every row of an increment, and the initial extract's rows dated within the look-back.
 * Only a few persons a night are looked back at (drawn per person and night); each of their
 * eligible records is then revised with the per-record chance divided by that share. Corrections
 * and deletions are written as the source first sent the record, without defects, so ground truth
 * says exactly what silver must hold. A night generated without its predecessors' manifests
 * carries late records only.
 */
final class Revisions {
  /** Nights a record may be revised after it was sent; late records are at most this many nights late. */
  static final int LOOKBACK_NIGHTS = 28;
  /** The share of persons looked back at is this many times the per-record chance of a revision. */
  private static final double LOOK_BACK_FACTOR = 10;
  private static final long LATE = 0x4C41544500L;
  private static final long LOOK = 0x4C4F4F4BL;
  private static final long PICK = 0x5049434BL;
  private static final Pattern EXTRACT = Pattern.compile("\"extract\": \"([a-z]+)\"");

  /** An earlier night this one may revise: its activity model, and the first care date eligible (null: every row it sent). */
  private record Earlier(LocalDate night, NightActivity activity, LocalDate firstDate) {}

  private final long seed;
  private final LocalDate night;
  private final RevisionRates rates;
  private final List<Earlier> earlier;
  private final Ids ids;
  private final double corrected;
  private final double deleted;
  private final double lookBack;

  private Revisions(GeneratorSettings settings, List<Earlier> earlier) {
    this.seed = settings.seed();
    this.night = settings.night();
    this.rates = settings.revisions();
    this.earlier = List.copyOf(earlier);
    this.ids = new Ids(seed);
    this.corrected = rates.corrected() / LOOKBACK_NIGHTS;
    this.deleted = rates.deleted() / LOOKBACK_NIGHTS;
    this.lookBack = Math.min(1, LOOK_BACK_FACTOR * (corrected + deleted));
  }

  /**
   * The revisions of {@code settings}' night, looking back at the nights whose manifests lie in
   * {@code truthRoot}; null when the night revises nothing (an initial extract, the original model).
   */
  static Revisions lookingBack(GeneratorSettings settings, Path truthRoot) {
    if (!settings.calibrated() || settings.extract() != ExtractKind.INCREMENT) {
      return null;
    }
    List<Earlier> earlier = new ArrayList<>();
    for (int back = 1; back <= LOOKBACK_NIGHTS; back++) {
      LocalDate sent = settings.night().minusDays(back);
      ExtractKind kind = extractSent(settings, truthRoot.resolve(sent.toString()).resolve("manifest.json"));
      if (kind == null) {
        continue;
      }
      GeneratorSettings then = settings.withNight(sent).withExtract(kind);
      NightActivity activity = new NightActivity(then).revising(lateOnly(then));
      if (kind == ExtractKind.INITIAL) {
        // the initial extract's history is revised only where it overlaps the look-back; nothing before it is this lake's
        earlier.add(new Earlier(sent, activity, settings.night().minusDays(1 + LOOKBACK_NIGHTS)));
        break;
      }
      earlier.add(new Earlier(sent, activity, null));
    }
    return new Revisions(settings, earlier);
  }

  /** Late records only: what an earlier increment sent besides its activity, as far as a later night needs to know. */
  private static Revisions lateOnly(GeneratorSettings settings) {
    return settings.extract() == ExtractKind.INCREMENT ? new Revisions(settings, List.of()) : null;
  }

  /** The kind of extract a manifest says was sent with these settings' seed, persons and history years, or null. */
  private static ExtractKind extractSent(GeneratorSettings settings, Path manifest) {
    if (!Files.isRegularFile(manifest)) {
      return null;
    }
    String text;
    try {
      text = Files.readString(manifest);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the earlier night's manifest " + manifest, e);
    }
    String header = text.substring(0, Math.min(text.length(), 400));
    Matcher extract = EXTRACT.matcher(header);
    boolean same = header.contains("\"persons\": " + settings.persons() + ",") && header.contains("\"seed\": " + settings.seed() + ",")
        && header.contains("\"historyYears\": " + settings.historyYears() + ",");
    if (!same || !extract.find()) {
      return null;
    }
    return switch (extract.group(1)) {
      case "initial" -> ExtractKind.INITIAL;
      case "increment" -> ExtractKind.INCREMENT;
      default -> null;
    };
  }

  /** Writes the person's late records, corrections and deletions that belong in {@code borough}'s files. */
  void write(Person p, Borough borough, Map<Feed, ? extends Rows> files, CalibratedActivity activity) {
    late(p, borough, files, activity);
    correctionsAndDeletions(p, borough, files);
  }

  // ---------------------------------------------------------------- late records

  private void late(Person p, Borough borough, Map<Feed, ? extends Rows> files, CalibratedActivity activity) {
    if (rates.late() <= 0) {
      return;
    }
    LocalDate lastDay = night.minusDays(1);
    for (Setting s : Setting.values()) {
      double perDay = s.yearly(p) * (s == Setting.GP_CONSULTATION ? CalibratedActivity.EVENTS_PER_CONSULTATION : 1) / 365.25;
      double chance = Math.min(0.5, rates.late() * perDay);
      if (chance <= 0) {
        continue;
      }
      for (int lag = 1; lag <= LOOKBACK_NIGHTS; lag++) {
        LocalDate date = lastDay.minusDays(lag);
        long hash = Mix.mix(seed ^ (LATE + s.ordinal()), p.index, date.toEpochDay());
        double u = Mix.unit(hash);
        if (u >= chance || Math.min(LOOKBACK_NIGHTS, 1 + (int) (u / chance * LOOKBACK_NIGHTS)) != lag || !p.activeOn(date)) {
          continue;
        }
        SplittableRandom r = new SplittableRandom(hash);
        if (s.feed != null) {
          if (p.boroughOn(date) == borough) {
            String[] row = activity.careRow(s, p, date, 0, r);
            row[0] = ids.care(s.feed, date, p.index, 0); // sequences 0 and 1 are not used by on-time care records
            files.get(s.feed).writeLate(row, p, ids.care(s.feed, date, p.index, 1));
          }
          continue;
        }
        // GP: sent by the practice the person was with then, if they are still with it tonight
        Borough gpBorough = p.boroughOn(date);
        int practice = p.practiceOn(date);
        if (gpBorough != borough || gpBorough != p.boroughOn(lastDay) || practice != p.practiceOn(lastDay)) {
          continue;
        }
        boolean emis = Population.isEmisPractice(gpBorough, practice);
        if (s == Setting.GP_CONSULTATION) {
          String[] coded = NightActivity.observation(p, r);
          files.get(emis ? Feed.GP_EMIS_EVENTS : Feed.GP_TPP_EVENTS).writeLate(new String[] {
            ids.gpEvent(emis, date, p.index, 800), ids.gpPatient(emis, p.index, NightActivity.slot(gpBorough, practice), gpBorough != p.home),
            p.nhsNumber(), (emis ? DateText.DAY_MONTH_YEAR : DateText.COMPACT_DATE).format(date), coded[0], coded[1], coded[2],
            Population.practiceCode(gpBorough, practice)}, p, null);
        } else {
          files.get(emis ? Feed.GP_EMIS_MEDICATIONS : Feed.GP_TPP_MEDICATIONS).writeLate(
              activity.original().medication(p, emis, gpBorough, practice, 900, date, Medications.acute(r), 28, false), p, null);
        }
      }
    }
  }

  // ---------------------------------------------------------------- corrections and deletions

  private void correctionsAndDeletions(Person p, Borough borough, Map<Feed, ? extends Rows> files) {
    if (earlier.isEmpty() || lookBack <= 0 || Mix.unit(Mix.mix(seed ^ LOOK, p.index, night.toEpochDay())) >= lookBack) {
      return;
    }
    for (Earlier then : earlier) {
      SentRecords sent = new SentRecords();
      then.activity().write(p, borough, sent.rows());
      for (SentRecords.Sent record : sent.sent()) {
        Feed feed = record.feed();
        String[] fields = record.fields();
        if (feed.isGpPatients() || isGpEvents(feed) && fields[feed.column("snomed_code")].equals(CalibratedActivity.DEATH)) {
          continue; // registrations are re-sent whole when they change; a death is not corrected here
        }
        if (then.firstDate() != null && careDate(feed, fields).isBefore(then.firstDate())) {
          continue;
        }
        long hash = Mix.mix(seed ^ PICK, night.toEpochDay(), fnv64(feed.id(), fields[0]));
        double u = Mix.unit(hash);
        double deletion = isGpEvents(feed) ? deleted / lookBack : 0;
        Rows file = files.get(feed);
        if (u < deletion) {
          String[] gone = fields.clone();
          gone[feed.column("deleted")] = feed == Feed.GP_EMIS_EVENTS ? "true" : "Y";
          file.resend(gone, p, Revision.DELETION);
        } else if (u < deletion + corrected / lookBack) {
          file.resend(corrected(feed, fields, hash), p, Revision.CORRECTION);
        }
      }
    }
  }

  private static boolean isGpEvents(Feed feed) {
    return feed == Feed.GP_EMIS_EVENTS || feed == Feed.GP_TPP_EVENTS;
  }

  /** The record's care date: the date its setting's activity was drawn on. */
  static LocalDate careDate(Feed feed, String[] fields) {
    String column = switch (feed) {
      case GP_EMIS_EVENTS, GP_TPP_EVENTS -> "event_date";
      case GP_EMIS_MEDICATIONS, GP_TPP_MEDICATIONS -> "issue_date";
      default -> feed.dateNotBeforeBirth();
    };
    return Defects.textOf(feed, column).parseDate(fields[feed.column(column)]);
  }

  /**
   * The record as the source corrects it: one clinical field changed to another valid value, so
   * the row still meets its contract and differs from what was sent.
   */
  static String[] corrected(Feed feed, String[] sent, long hash) {
    String[] row = sent.clone();
    int step = 1 + (int) Long.remainderUnsigned(hash >>> 8, 3);
    switch (feed) {
      case GP_EMIS_EVENTS, GP_TPP_EVENTS -> {
        int value = feed.column("value");
        if (!row[value].isEmpty()) {
          row[value] = shifted(row[value], step);
        } else { // a coded entry without a value: its date was wrong
          int date = feed.column("event_date");
          row[date] = feed.dateText().format(feed.dateText().parseDate(row[date]).minusDays(step));
        }
      }
      case GP_EMIS_MEDICATIONS, GP_TPP_MEDICATIONS -> {
        int quantity = feed.column("quantity");
        row[quantity] = Integer.toString(Math.min(10_000, 2 * Math.max(1, Integer.parseInt(row[quantity]))));
      }
      case ACUTE_APC -> row[feed.column("primary_diagnosis")] = other(NightActivity.EMERGENCY_DX, row[feed.column("primary_diagnosis")], step);
      case ACUTE_ECDS -> {
        int acuity = feed.column("acuity");
        row[acuity] = Integer.toString(Integer.parseInt(row[acuity]) % 5 + 1);
      }
      case ACUTE_OP -> row[feed.column("attendance_status")] = row[feed.column("attendance_status")].equals("5") ? "3" : "5";
      case MH_CONTACTS, COMMUNITY_CONTACTS -> row[feed.column("attended")] = row[feed.column("attended")].equals("5") ? "3" : "5";
      case ASC_SERVICES -> row[feed.column("service_type")] = other(NightActivity.ASC_SERVICE, row[feed.column("service_type")], step);
      case OOH_CONTACTS -> row[feed.column("outcome")] = other(NightActivity.OOH_OUTCOME, row[feed.column("outcome")], step);
      default -> throw new IllegalArgumentException("no corrections for " + feed.id());
    }
    return row;
  }

  /** A numeric observation a little different: whole numbers by 1-3, tenths by 0.1-0.3 (never below the smallest step). */
  private static String shifted(String value, int step) {
    int point = value.indexOf('.');
    if (point < 0) {
      long whole = Long.parseLong(value);
      return Long.toString(whole > step ? whole - step : whole + step);
    }
    long tenths = Math.round(Double.parseDouble(value) * 10);
    tenths = tenths > step ? tenths - step : tenths + step;
    return tenths / 10 + "." + tenths % 10;
  }

  /** Another value of a list than {@code current}. */
  private static String other(String[] values, String current, int step) {
    for (int i = 0; i < values.length; i++) {
      String candidate = values[(i + step) % values.length];
      if (!candidate.equals(current)) {
        return candidate;
      }
    }
    throw new IllegalStateException("a list of one value has no other");
  }

  private static long fnv64(String feed, String id) {
    long hash = 0xcbf29ce484222325L;
    for (String part : new String[] {feed, id}) {
      for (int i = 0; i < part.length(); i++) {
        hash = (hash ^ part.charAt(i)) * 0x100000001b3L;
      }
    }
    return hash;
  }
}
