package org.carelake.geography;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A synthetic postcode directory for Greater Manchester: postcode units in each borough's real
 * postcode districts, grouped into synthetic LSOAs (about one per 1,500 residents) that carry an
 * IMD decile. Nothing is downloaded; the directory is computed from a fixed seed, so every build
 * and every machine sees the same entries in the same order.
 *
 * <p>Synthetic LSOA codes use the range {@code E0190xxxx}-{@code E0199xxxx}, above every real
 * LSOA code, so they can never be mistaken for real areas. Deprivation follows Greater
 * Manchester's shape: Manchester, Oldham, Rochdale, Salford and Tameside sit mostly in the low
 * (deprived) deciles; Trafford and Stockport higher.
 */
public final class PostcodeDirectory {
  /** Residents per synthetic LSOA (real LSOAs hold 1,000-3,000 residents). */
  public static final int RESIDENTS_PER_LSOA = 1_500;

  /** Postcode units generated per LSOA. */
  public static final int POSTCODES_PER_LSOA = 8;

  private static final long SEED = 0x6D616E63L; // fixed: the directory is part of the code
  private static final String INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"; // no C, I, K, M, O, V

  private static final PostcodeDirectory GREATER_MANCHESTER = build();

  private final Map<Borough, List<PostcodeArea>> byBorough;
  private final List<PostcodeArea> all;
  private final Map<String, PostcodeArea> byPostcode;

  private PostcodeDirectory(Map<Borough, List<PostcodeArea>> byBorough) {
    this.byBorough = byBorough;
    List<PostcodeArea> entries = new ArrayList<>();
    Map<String, PostcodeArea> index = new HashMap<>();
    for (Borough borough : Borough.values()) {
      for (PostcodeArea area : byBorough.get(borough)) {
        entries.add(area);
        if (index.put(area.postcode(), area) != null) {
          throw new IllegalStateException("duplicate synthetic postcode " + area.postcode());
        }
      }
    }
    this.all = List.copyOf(entries);
    this.byPostcode = index;
  }

  /** The directory for the ten boroughs; built once per JVM. */
  public static PostcodeDirectory greaterManchester() {
    return GREATER_MANCHESTER;
  }

  /** Looks a postcode up after normalising it (upper case, one space before the inward code). */
  public Optional<PostcodeArea> lookup(String postcode) {
    return normalise(postcode).map(byPostcode::get);
  }

  /** Every postcode in the borough, in a fixed order (by LSOA, then generation order). */
  public List<PostcodeArea> allFor(Borough borough) {
    return byBorough.get(borough);
  }

  /** Every entry, borough by borough in {@link Borough} order; the reference table's rows. */
  public List<PostcodeArea> entries() {
    return all;
  }

  public int size() {
    return all.size();
  }

  /**
   * Normalises a postcode: trims, upper-cases, removes inner whitespace and puts a single space
   * before the three-character inward code. Returns empty for blank or too-short input.
   */
  public static Optional<String> normalise(String postcode) {
    if (postcode == null) {
      return Optional.empty();
    }
    StringBuilder compact = new StringBuilder(8);
    for (int i = 0; i < postcode.length(); i++) {
      char c = postcode.charAt(i);
      if (!Character.isWhitespace(c)) {
        compact.append(Character.toUpperCase(c));
      }
    }
    if (compact.length() < 5 || compact.length() > 7) {
      return Optional.empty();
    }
    compact.insert(compact.length() - 3, ' ');
    return Optional.of(compact.toString().toUpperCase(Locale.ROOT));
  }

  /** Number of synthetic LSOAs in a borough: one per {@value #RESIDENTS_PER_LSOA} residents. */
  public static int lsoaCount(Borough borough) {
    return Math.max(1, Math.round(borough.population() / (float) RESIDENTS_PER_LSOA));
  }

  private static PostcodeDirectory build() {
    Map<Borough, List<PostcodeArea>> byBorough = new EnumMap<>(Borough.class);
    for (Borough borough : Borough.values()) {
      SplittableRandom random = new SplittableRandom(SEED * 31 + borough.ordinal());
      List<String> districts = borough.postcodeDistricts();
      List<Set<String>> usedInward = new ArrayList<>();
      for (int i = 0; i < districts.size(); i++) {
        usedInward.add(new LinkedHashSet<>());
      }
      List<PostcodeArea> areas = new ArrayList<>();
      int lsoas = lsoaCount(borough);
      for (int lsoa = 0; lsoa < lsoas; lsoa++) {
        String lsoaCode = String.format(Locale.ROOT, "E019%d%04d", borough.ordinal(), lsoa);
        int decile = deprivationDecile(borough, random);
        int district = lsoa % districts.size();
        for (int unit = 0; unit < POSTCODES_PER_LSOA; unit++) {
          String inward;
          do {
            inward = "" + (char) ('0' + random.nextInt(10))
                + INWARD_LETTERS.charAt(random.nextInt(INWARD_LETTERS.length()))
                + INWARD_LETTERS.charAt(random.nextInt(INWARD_LETTERS.length()));
          } while (!usedInward.get(district).add(inward));
          areas.add(new PostcodeArea(districts.get(district) + " " + inward, lsoaCode, borough.onsCode(), decile));
        }
      }
      byBorough.put(borough, Collections.unmodifiableList(areas));
    }
    return new PostcodeDirectory(byBorough);
  }

  /** Draws an LSOA's IMD decile around the borough's typical decile. */
  private static int deprivationDecile(Borough borough, SplittableRandom random) {
    double centre = switch (borough) {
      case MANCHESTER -> 2.3;
      case OLDHAM, ROCHDALE -> 3.0;
      case SALFORD -> 3.2;
      case TAMESIDE -> 3.4;
      case BOLTON -> 4.0;
      case WIGAN -> 4.6;
      case BURY -> 5.2;
      case STOCKPORT -> 6.4;
      case TRAFFORD -> 7.0;
    };
    // a symmetric triangular spread of about +/- 3 deciles
    double spread = (random.nextDouble() + random.nextDouble() + random.nextDouble() - 1.5) * 3.0;
    return (int) Math.max(1, Math.min(10, Math.round(centre + spread)));
  }
}
