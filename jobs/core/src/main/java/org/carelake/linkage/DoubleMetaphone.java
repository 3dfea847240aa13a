package org.carelake.linkage;

/**
 * The primary code of Lawrence Philips' Double Metaphone (2000), written from the published rules.
 * Only the primary encoding is kept: linkage compares codes for equality and the alternate adds
 * little for British names while doubling the work. One instance encodes one word.
 *
 * <p>Rules are applied left to right at the current position; each handler appends to the code and
 * returns the position after the letters it consumed. {@link #at} returns false outside the word,
 * so handlers can look behind and ahead freely.
 */
final class DoubleMetaphone {
  private static final int MAX_LENGTH = 4;

  private final String word;
  private final int last;
  private final boolean slavoGermanic;
  private final StringBuilder code = new StringBuilder(MAX_LENGTH + 2);

  private DoubleMetaphone(String word) {
    this.word = word;
    this.last = word.length() - 1;
    this.slavoGermanic =
        word.indexOf('W') >= 0 || word.indexOf('K') >= 0 || word.contains("CZ") || word.contains("WITZ");
  }

  /** The primary code of {@code name}, or null when it has no letters A–Z. */
  static String primary(String name) {
    String word = letters(name);
    return word == null ? null : new DoubleMetaphone(word).encode();
  }

  /** Upper-case letters A–Z with single spaces between words; other characters are dropped. */
  private static String letters(String name) {
    if (name == null) {
      return null;
    }
    if (isClean(name)) {
      return name;
    }
    StringBuilder out = new StringBuilder(name.length());
    boolean space = false;
    for (int i = 0; i < name.length(); i++) {
      char c = Character.toUpperCase(name.charAt(i));
      if (c >= 'A' && c <= 'Z') {
        if (space && out.length() > 0) {
          out.append(' ');
        }
        out.append(c);
        space = false;
      } else if (c == ' ' || c == '-') {
        space = true;
      }
    }
    return out.length() == 0 ? null : out.toString();
  }

  private static boolean isClean(String name) {
    if (name.isEmpty() || name.charAt(0) == ' ' || name.charAt(name.length() - 1) == ' ') {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean doubleSpace = c == ' ' && name.charAt(i - 1) == ' ';
      if (!(c >= 'A' && c <= 'Z' || c == ' ') || doubleSpace) {
        return false;
      }
    }
    return true;
  }

  private String encode() {
    int current = 0;
    if (at(0, "GN", "KN", "PN") || at(0, "WR", "PS")) {
      current = 1; // the first letter is silent
    }
    if (charAt(0) == 'X') {
      add("S"); // XAVIER
      current = 1;
    }
    while (code.length() < MAX_LENGTH && current <= last) {
      current = step(current);
    }
    return code.length() > MAX_LENGTH ? code.substring(0, MAX_LENGTH) : code.toString();
  }

  private int step(int i) {
    return switch (word.charAt(i)) {
      case 'A', 'E', 'I', 'O', 'U', 'Y' -> vowel(i);
      case 'B' -> simple(i, "P", 'B');
      case 'C' -> c(i);
      case 'D' -> d(i);
      case 'F' -> simple(i, "F", 'F');
      case 'G' -> g(i);
      case 'H' -> h(i);
      case 'J' -> j(i);
      case 'K' -> simple(i, "K", 'K');
      case 'L' -> simple(i, "L", 'L');
      case 'M' -> m(i);
      case 'N' -> simple(i, "N", 'N');
      case 'P' -> p(i);
      case 'Q' -> simple(i, "K", 'Q');
      case 'R' -> r(i);
      case 'S' -> s(i);
      case 'T' -> t(i);
      case 'V' -> simple(i, "F", 'V');
      case 'W' -> w(i);
      case 'X' -> x(i);
      case 'Z' -> z(i);
      default -> i + 1;
    };
  }

  /** Vowels are coded only at the start of a word, all as A. */
  private int vowel(int i) {
    if (i == 0) {
      add("A");
    }
    return i + 1;
  }

  /** One code for the letter, skipping it when doubled. */
  private int simple(int i, String sound, char doubled) {
    add(sound);
    return charAt(i + 1) == doubled ? i + 2 : i + 1;
  }

  private int c(int i) {
    if (i > 1 && !isVowel(i - 2) && at(i - 1, "ACH") && charAt(i + 2) != 'I'
        && (charAt(i + 2) != 'E' || at(i - 2, "BACHER", "MACHER"))) {
      add("K"); // Germanic: BACH, MACHER
      return i + 2;
    }
    if (i == 0 && at(i, "CAESAR")) {
      add("S");
      return i + 2;
    }
    if (at(i, "CHIA")) {
      add("K"); // CHIANTI
      return i + 2;
    }
    if (at(i, "CH")) {
      return ch(i);
    }
    if (at(i, "CZ") && !at(i - 2, "WICZ")) {
      add("S"); // CZERNY
      return i + 2;
    }
    if (at(i + 1, "CIA")) {
      add("X"); // FOCACCIA
      return i + 3;
    }
    if (at(i, "CC") && !(i == 1 && charAt(0) == 'M')) {
      return cc(i);
    }
    if (at(i, "CK", "CG", "CQ")) {
      add("K");
      return i + 2;
    }
    if (at(i, "CI", "CE", "CY")) {
      add("S");
      return i + 2;
    }
    add("K");
    if (at(i + 1, " C", " Q", " G")) {
      return i + 3; // MAC CAFFREY
    }
    return at(i + 1, "C", "K", "Q") && !at(i + 1, "CE", "CI") ? i + 2 : i + 1;
  }

  private int ch(int i) {
    if (i > 0 && at(i, "CHAE")) {
      add("K"); // MICHAEL
      return i + 2;
    }
    boolean greekStart = i == 0 && (at(i + 1, "HARAC", "HARIS") || at(i + 1, "HOR", "HYM") || at(i + 1, "HIA", "HEM"));
    if (greekStart && !at(0, "CHORE")) {
      add("K"); // CHARACTER, CHORUS
      return i + 2;
    }
    boolean beforeConsonant = at(i + 2, "L", "R", "N") || at(i + 2, "M", "B", "H") || at(i + 2, "F", "V", "W")
        || charAt(i + 2) == ' ' || i + 1 == last;
    if (at(0, "VAN ", "VON ") || at(0, "SCH") || at(i - 2, "ORCHES", "ARCHIT", "ORCHID") || at(i + 2, "T", "S")
        || ((at(i - 1, "A", "O", "U") || charAt(i - 1) == 'E' || i == 0) && beforeConsonant)) {
      add("K"); // ORCHESTRA, CHRISTOPHER, SCHMIDT
    } else if (i > 0) {
      add(at(0, "MC") ? "K" : "X"); // MCHUGH
    } else {
      add("X"); // CHARLES
    }
    return i + 2;
  }

  private int cc(int i) {
    if (at(i + 2, "I", "E", "H") && !at(i + 2, "HU")) {
      add((i == 1 && charAt(0) == 'A') || at(i - 1, "UCCEE", "UCCES") ? "KS" : "X"); // ACCIDENT, BACCI
      return i + 3;
    }
    add("K"); // BACCHUS, MCCAIN
    return i + 2;
  }

  private int d(int i) {
    if (at(i, "DG")) {
      if (at(i + 2, "I", "E", "Y")) {
        add("J"); // EDGE
        return i + 3;
      }
      add("TK"); // EDGAR
      return i + 2;
    }
    add("T");
    return at(i + 1, "T", "D") ? i + 2 : i + 1;
  }

  private int g(int i) {
    char next = charAt(i + 1);
    if (next == 'H') {
      return gh(i);
    }
    if (next == 'N') {
      if (i == 1 && isVowel(0) && !slavoGermanic) {
        add("KN"); // AGNES
      } else if (!at(i + 2, "EY") && !slavoGermanic) {
        add("N"); // GNOME, SIGN
      } else {
        add("KN");
      }
      return i + 2;
    }
    if (at(i + 1, "LI") && !slavoGermanic) {
      add("KL"); // TAGLIARO
      return i + 2;
    }
    if (i == 0 && (next == 'Y' || at(1, "ES", "EP", "EB") || at(1, "EL", "EY", "IB") || at(1, "IL", "IN", "IE")
        || at(1, "EI", "ER"))) {
      add("K"); // GILES, GERALD: hard G in the primary (J in the alternate)
      return i + 2;
    }
    if ((at(i + 1, "ER") || next == 'Y') && !at(0, "DANGER", "RANGER", "MANGER") && !at(i - 1, "E", "I")
        && !at(i - 1, "RGY", "OGY")) {
      add("K"); // TIGER
      return i + 2;
    }
    if (at(i + 1, "E", "I", "Y") || at(i - 1, "AGGI", "OGGI")) {
      add(at(0, "VAN ", "VON ") || at(0, "SCH") || at(i + 1, "ET") ? "K" : "J"); // GEORGE (second G), BRIDGET
      return i + 2;
    }
    add("K");
    return next == 'G' ? i + 2 : i + 1;
  }

  private int gh(int i) {
    if (i > 0 && !isVowel(i - 1)) {
      add("K"); // BURGHARDT
      return i + 2;
    }
    if (i == 0) {
      add(charAt(i + 2) == 'I' ? "J" : "K"); // GHISLANE, GHOST
      return i + 2;
    }
    // Parker's rule: silent in HUGH, BOUGH, BROUGHTON
    if ((i > 1 && at(i - 2, "B", "H", "D")) || (i > 2 && at(i - 3, "B", "H", "D")) || (i > 3 && at(i - 4, "B", "H"))) {
      return i + 2;
    }
    if (i > 2 && charAt(i - 1) == 'U' && (at(i - 3, "C", "G", "L") || at(i - 3, "R", "T"))) {
      add("F"); // LAUGH, TOUGH
    } else if (charAt(i - 1) != 'I') {
      add("K");
    }
    return i + 2;
  }

  /** H is sounded only at the start or between vowels. */
  private int h(int i) {
    if ((i == 0 || isVowel(i - 1)) && isVowel(i + 1)) {
      add("H");
      return i + 2;
    }
    return i + 1;
  }

  private int j(int i) {
    if (at(i, "JOSE") || at(0, "SAN ")) {
      boolean spanishJose = i == 0 && (charAt(i + 4) == ' ' || i + 4 == word.length()); // JOSE alone or first
      add(spanishJose || at(0, "SAN ") ? "H" : "J"); // JOSE, SAN JACINTO
      return i + 1;
    }
    if (i == 0
        || (isVowel(i - 1) && !slavoGermanic && (charAt(i + 1) == 'A' || charAt(i + 1) == 'O'))
        || i == last
        || (!at(i + 1, "L", "T", "K") && !at(i + 1, "S", "N", "M") && !at(i + 1, "B", "Z")
            && !at(i - 1, "S", "K", "L"))) {
      add("J");
    }
    return charAt(i + 1) == 'J' ? i + 2 : i + 1;
  }

  private int m(int i) {
    add("M");
    boolean silentB = at(i - 1, "UMB") && (i + 1 == last || at(i + 2, "ER")); // DUMB, THUMBER
    return silentB || charAt(i + 1) == 'M' ? i + 2 : i + 1;
  }

  private int p(int i) {
    if (charAt(i + 1) == 'H') {
      add("F"); // STEPHEN, PHILIP
      return i + 2;
    }
    add("P");
    return at(i + 1, "P", "B") ? i + 2 : i + 1; // CAMPBELL
  }

  private int r(int i) {
    boolean frenchFinal = i == last && !slavoGermanic && at(i - 2, "IE") && !at(i - 4, "ME", "MA"); // ROGIER
    if (!frenchFinal) {
      add("R");
    }
    return charAt(i + 1) == 'R' ? i + 2 : i + 1;
  }

  private int s(int i) {
    if (at(i - 1, "ISL", "YSL")) {
      return i + 1; // ISLAND, CARLYSLE
    }
    if (i == 0 && at(i, "SUGAR")) {
      add("X");
      return i + 1;
    }
    if (at(i, "SH")) {
      add(at(i + 1, "HEIM", "HOEK", "HOLM") || at(i + 1, "HOLZ") ? "S" : "X"); // SHAUN; Germanic -SHEIM
      return i + 2;
    }
    if (at(i, "SIO", "SIA")) {
      add("S"); // primary S, alternate X (SESSION)
      return i + 3;
    }
    if ((i == 0 && at(i + 1, "M", "N", "L") || i == 0 && charAt(i + 1) == 'W') || charAt(i + 1) == 'Z') {
      add("S"); // SMITH, SNIDER, SWITZER
      return charAt(i + 1) == 'Z' ? i + 2 : i + 1;
    }
    if (at(i, "SC")) {
      return sc(i);
    }
    if (!(i == last && at(i - 2, "AI", "OI"))) {
      add("S"); // not French final S: ARTOIS
    }
    return at(i + 1, "S", "Z") ? i + 2 : i + 1;
  }

  private int sc(int i) {
    if (charAt(i + 2) == 'H') {
      if (at(i + 3, "OO", "UY", "ED") || at(i + 3, "EM")) {
        add("SK"); // Dutch: SCHOOL, SCHUYLER
      } else {
        add("X"); // SCHMIDT, SCHNEIDER, SCHERMERHORN
      }
      return i + 3;
    }
    add(at(i + 2, "I", "E", "Y") ? "S" : "SK"); // SCIENCE, SCOTT
    return i + 3;
  }

  private int t(int i) {
    if (at(i, "TION") || at(i, "TIA", "TCH")) {
      add("X"); // NATION, PATIA, BUTCHER
      return i + 3;
    }
    if (at(i, "TH") || at(i, "TTH")) {
      boolean hardT = at(i + 2, "OM", "AM") || at(0, "VAN ", "VON ") || at(0, "SCH"); // THOMAS, THAMES
      add(hardT ? "T" : "0");
      return i + 2;
    }
    add("T");
    return at(i + 1, "T", "D") ? i + 2 : i + 1;
  }

  private int w(int i) {
    if (at(i, "WR")) {
      add("R"); // WRIGHT (after the start)
      return i + 2;
    }
    if (i == 0 && (isVowel(i + 1) || at(i, "WH"))) {
      add("A"); // WILLIAM, WHITE: primary A (alternate F)
    }
    if (at(i, "WICZ", "WITZ")) {
      add("TS"); // Polish: FILIPOWICZ
      return i + 4;
    }
    return i + 1; // otherwise silent (HOWARD, DREW); final W after a vowel is an alternate F only
  }

  private int x(int i) {
    boolean frenchFinal = i == last && (at(i - 3, "IAU", "EAU") || at(i - 2, "AU", "OU")); // BREAUX
    if (!frenchFinal) {
      add("KS");
    }
    return at(i + 1, "C", "X") ? i + 2 : i + 1;
  }

  private int z(int i) {
    if (charAt(i + 1) == 'H') {
      add("J"); // ZHAO
      return i + 2;
    }
    add("S");
    return charAt(i + 1) == 'Z' ? i + 2 : i + 1;
  }

  private void add(String sound) {
    code.append(sound);
  }

  private char charAt(int i) {
    return i >= 0 && i <= last ? word.charAt(i) : 0;
  }

  private boolean isVowel(int i) {
    return switch (charAt(i)) {
      case 'A', 'E', 'I', 'O', 'U', 'Y' -> true;
      default -> false;
    };
  }

  // Fixed-arity overloads keep the many look-ups from allocating varargs arrays.
  private boolean at(int start, String option) {
    return start >= 0 && word.startsWith(option, start);
  }

  private boolean at(int start, String first, String second) {
    return at(start, first) || at(start, second);
  }

  private boolean at(int start, String first, String second, String third) {
    return at(start, first) || at(start, second) || at(start, third);
  }
}
