package org.carelake.serve.signin;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A limit on failed sign-ins, per user name and per client address: after {@code failuresPerName}
 * (or {@code failuresPerAddress}) failures in a row, each less than a lock's length after the last,
 * sign-in under that name (or from that address) is refused without looking at the password for
 * {@code lock}, doubling with each further lock up to a day. A name that does not exist is limited
 * like one that does, so the limit tells nobody which names exist. A success clears the name's
 * failures, not the address's: one known password must not buy unlimited guesses at others.
 * Held in memory; forgotten entries are dropped as sign-ins come.
 */
public final class SignInLimiter {
  /** The limits; {@link #DEFAULTS} are 5 failures per name, 20 per address, a 5-minute first lock. */
  public record Limits(int failuresPerName, int failuresPerAddress, Duration lock) {
    public static final Limits DEFAULTS = new Limits(5, 20, Duration.ofMinutes(5));

    public Limits {
      requireNonNull(lock, "lock is null");
      if (failuresPerName < 1 || failuresPerAddress < 1) {
        throw new IllegalArgumentException("sign-in failure limits must be at least 1, not " + failuresPerName + " and " + failuresPerAddress);
      }
      if (lock.isNegative() || lock.isZero()) {
        throw new IllegalArgumentException("the sign-in lock must be longer than zero, not " + lock);
      }
    }
  }

  private static final Duration LONGEST_LOCK = Duration.ofDays(1);
  private static final int MAX_ENTRIES = 100_000;

  /** Failures since the last lock (or success), how many locks so far, until when locked, and the last failure. */
  private record Entry(int failures, int locks, Instant lockedUntil, Instant lastFailure) {}

  private final Limits limits;
  private final Clock clock;
  private final ConcurrentHashMap<String, Entry> names = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Entry> addresses = new ConcurrentHashMap<>();

  public SignInLimiter(Limits limits, Clock clock) {
    this.limits = requireNonNull(limits, "limits is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** How much longer sign-in is refused for this name or from this address; empty when it may be tried. */
  public Optional<Duration> lockedFor(String name, String address) {
    Instant now = clock.instant();
    Duration longest = Duration.ZERO;
    for (Entry entry : new Entry[] {names.get(key(name)), addresses.get(address)}) {
      if (entry != null && entry.lockedUntil().isAfter(now)) {
        Duration left = Duration.between(now, entry.lockedUntil());
        longest = left.compareTo(longest) > 0 ? left : longest;
      }
    }
    return longest.isZero() ? Optional.empty() : Optional.of(longest);
  }

  public void failed(String name, String address) {
    Instant now = clock.instant();
    if (names.size() + addresses.size() > MAX_ENTRIES) {
      forgetOld(now);
    }
    names.compute(key(name), (key, entry) -> fail(entry, limits.failuresPerName(), now));
    addresses.compute(address, (key, entry) -> fail(entry, limits.failuresPerAddress(), now));
  }

  public void succeeded(String name) {
    names.remove(key(name));
  }

  private Entry fail(Entry entry, int limit, Instant now) {
    Entry current = entry;
    // Failures spaced more than a lock apart start again (a typo a day is not an attack); locks count for a day.
    if (current == null || (now.isAfter(current.lastFailure().plus(LONGEST_LOCK)) && !current.lockedUntil().isAfter(now))) {
      current = new Entry(0, 0, Instant.EPOCH, now);
    } else if (now.isAfter(current.lastFailure().plus(limits.lock())) && !current.lockedUntil().isAfter(now)) {
      current = new Entry(0, current.locks(), current.lockedUntil(), now);
    }
    int failures = current.failures() + 1;
    if (failures < limit) {
      return new Entry(failures, current.locks(), current.lockedUntil(), now);
    }
    Duration lock = limits.lock().multipliedBy(1L << Math.min(current.locks(), 20));
    lock = lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock;
    return new Entry(0, current.locks() + 1, now.plus(lock), now);
  }

  /** Drops entries neither locked nor failed within a day: their history no longer matters. */
  private void forgetOld(Instant now) {
    Instant before = now.minus(LONGEST_LOCK);
    names.values().removeIf(e -> e.lastFailure().isBefore(before) && !e.lockedUntil().isAfter(now));
    addresses.values().removeIf(e -> e.lastFailure().isBefore(before) && !e.lockedUntil().isAfter(now));
  }

  private static String key(String name) {
    String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    return key.length() > 64 ? key.substring(0, 64) : key;
  }
}
