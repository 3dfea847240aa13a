package org.carelake.synthetic;

import java.time.LocalDate;

/**
 * Source record ids that look like each supplier's and say nothing about the person: every id is
 * a keyed permutation (a four-round Feistel network over {@link Mix}) of a packed tuple of
 * (person, night, sequence, ...), keyed by the seed and the feed. A permutation of distinct
 * tuples gives distinct ids, so ids are unique per feed without remembering any, and the same
 * tuple always gives the same id (a patient keeps one local id at a practice across nights).
 *
 * <p>Packing limits, all met by the generator's settings: person index below 2^25 (persons are
 * at most 20 million), night within 2^17 days of {@link GeneratorSettings#POPULATION_AS_OF},
 * care sequence below 16, GP event sequence below 1024, practice slot below 1024.
 */
final class Ids {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
  private static final char[] BASE36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
  private static final long EPOCH = GeneratorSettings.POPULATION_AS_OF.toEpochDay();

  private final long seed;

  Ids(long seed) {
    this.seed = seed;
  }

  /** A supplier's patient id at one practice: the same on every night. */
  String gpPatient(boolean emis, long person, int practiceSlot, boolean endedRegistration) {
    if (emis) {
      return guid(key(0x50), (person << 10) | practiceSlot);
    }
    // TPP-like: 9 digits, as wide as the supplier's ids
    return Long.toString(100_000_000L + permute(key(0x51), person * 2 + (endedRegistration ? 1 : 0), 28));
  }

  /** A coded event id: unique per (night, person, sequence) within the supplier's format. */
  String gpEvent(boolean emis, LocalDate night, long person, int seq) {
    long packed = (night(night) << 35) | (person << 10) | seq;
    if (emis) {
      return guid(key(0x52), packed);
    }
    // TPP-like: 17 digits
    return Long.toString(10_000_000_000_000_000L + permute(key(0x53), packed, 56));
  }

  /** A prescription issue id: unique per (issue date, person, sequence) within the supplier's format. */
  String gpMedication(boolean emis, LocalDate date, long person, int seq) {
    long packed = (night(date) << 35) | (person << 10) | seq;
    if (emis) {
      return guid(key(0x54), packed);
    }
    return Long.toString(10_000_000_000_000_000L + permute(key(0x55), packed, 56));
  }

  /** A care record id: the source's two-letter prefix and 12 letters/digits or 14 digits, by feed. */
  String care(Feed feed, LocalDate night, long person, int seq) {
    long packed = (night(night) << 29) | (person << 4) | seq;
    long key = key(0x60 + feed.ordinal());
    return switch (feed) {
      case ACUTE_APC -> "SP" + (10_000_000_000_000L + permute(key, packed, 46));
      case ACUTE_ECDS -> "EC" + base36(permute(key, packed, 62), 12);
      case ACUTE_OP -> "OP" + (10_000_000_000_000L + permute(key, packed, 46));
      case MH_CONTACTS -> "CC" + base36(permute(key, packed, 62), 12);
      case COMMUNITY_CONTACTS -> "CM" + (10_000_000_000_000L + permute(key, packed, 46));
      case ASC_SERVICES -> "AS" + base36(permute(key, packed, 62), 12);
      case OOH_CONTACTS -> "OH" + (10_000_000_000_000L + permute(key, packed, 46));
      default -> throw new IllegalArgumentException("not a care feed: " + feed);
    };
  }

  /** A mental-health referral (service request) id: one per person, stable across nights. */
  String referral(long person) {
    return "SR" + base36(permute(key(0x70), person, 62), 12);
  }

  private long key(long purpose) {
    return Mix.mix(seed ^ 0x1D5L, purpose);
  }

  private static long night(LocalDate night) {
    return (night.toEpochDay() - EPOCH) & 0x1FFFFL;
  }

  /** A keyed permutation of [0, 2^bits) for even {@code bits} up to 62. */
  static long permute(long key, long value, int bits) {
    int half = bits / 2;
    long mask = (1L << half) - 1;
    long left = (value >>> half) & mask;
    long right = value & mask;
    for (int round = 0; round < 4; round++) {
      long f = Mix.mix(key + round, right) & mask;
      long next = left ^ f;
      left = right;
      right = next;
    }
    return (left << half) | right;
  }

  /** An upper-case GUID: the low half a permutation of {@code packed} (so unique), the high half a hash of it. */
  private static String guid(long key, long packed) {
    long low = Mix.mix(key, packed); // a bijection of packed for a fixed key
    long high = Mix.mix(key ^ 0x6A09E667F3BCC908L, packed);
    char[] out = new char[36];
    int at = 0;
    for (int i = 0; i < 32; i++) {
      if (i == 8 || i == 12 || i == 16 || i == 20) {
        out[at++] = '-';
      }
      long word = i < 16 ? high : low;
      out[at++] = HEX[(int) ((word >>> (60 - 4 * (i % 16))) & 0xF)];
    }
    return new String(out);
  }

  private static String base36(long value, int width) {
    char[] out = new char[width];
    long rest = value;
    for (int i = width - 1; i >= 0; i--) {
      out[i] = BASE36[(int) Long.remainderUnsigned(rest, 36)];
      rest = Long.divideUnsigned(rest, 36);
    }
    return new String(out);
  }
}
