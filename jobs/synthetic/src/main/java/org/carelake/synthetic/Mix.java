package org.carelake.synthetic;

/** SplitMix64-style mixing: seeds for per-person and per-file random streams. */
final class Mix {
  private Mix() {}

  static long mix(long a, long b) {
    return finish(finish(a + 0x9E3779B97F4A7C15L) ^ (b * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL));
  }

  static long mix(long a, long b, long c) {
    return mix(mix(a, b), c);
  }

  /** A double in [0, 1) from a hash. */
  static double unit(long hash) {
    return (hash >>> 11) * 0x1.0p-53;
  }

  private static long finish(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
