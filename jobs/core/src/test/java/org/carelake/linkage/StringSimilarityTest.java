package org.carelake.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StringSimilarityTest {
  @ParameterizedTest(name = "{0}/{1} = {2}")
  @CsvSource({"MARTHA,MARHTA,0.961", "DWAYNE,DUANE,0.840", "DIXON,DICKSONX,0.813", "JONES,JONES,1.0", "ABC,XYZ,0.0"})
  void jaroWinklerMatchesPublishedValues(String a, String b, double expected) {
    assertThat(StringSimilarity.jaroWinkler(a, b)).isCloseTo(expected, within(0.001));
    assertThat(StringSimilarity.jaroWinkler(b, a)).isCloseTo(expected, within(0.001));
  }

  @Test
  void jaroWinklerOfEmptyStrings() {
    assertThat(StringSimilarity.jaroWinkler("", "")).isEqualTo(1.0);
    assertThat(StringSimilarity.jaroWinkler("", "A")).isEqualTo(0.0);
  }

  @Test
  void jaroWinklerHandlesStringsLongerThanTheScratchBuffers() {
    String address = "FLAT 12 THE OLD COTTON MILL 145 GREAT ANCOATS STREET ANCOATS MANCHESTER GREATER MANCHESTER";
    // Jaro's wide window on long strings matches repeated letters out of order, so one dropped
    // letter costs more than it would in a name: 0.924, worked out by hand-rolled reference code.
    assertThat(StringSimilarity.jaroWinkler(address, address.replace("COTTON", "COTON")))
        .isCloseTo(0.9236, within(1e-4));
    assertThat(StringSimilarity.jaroWinkler("SMITH", "SMYTH")).isCloseTo(0.893, within(0.001));
  }

  @Test
  void levenshteinCountsATranspositionAsTwoEdits() {
    assertThat(StringSimilarity.levenshtein("KITTEN", "SITTING")).isEqualTo(3);
    assertThat(StringSimilarity.levenshtein("SMITH", "SMIHT")).isEqualTo(2);
    assertThat(StringSimilarity.levenshtein("", "ABC")).isEqualTo(3);
  }

  @Test
  void damerauLevenshteinCountsAnAdjacentTranspositionAsOne() {
    assertThat(StringSimilarity.damerauLevenshtein("SMITH", "SMIHT")).isEqualTo(1);
    assertThat(StringSimilarity.damerauLevenshtein("9991234578", "9991234587")).isEqualTo(1);
    assertThat(StringSimilarity.damerauLevenshtein("KITTEN", "SITTING")).isEqualTo(3);
    // Optimal string alignment: CA -> AC -> ABC would edit one substring twice, so it is 3, not 2.
    assertThat(StringSimilarity.damerauLevenshtein("CA", "ABC")).isEqualTo(3);
  }

  @Test
  void withinOneEditAgreesWithDamerauLevenshteinOnRandomStrings() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      String a = randomWord(random);
      String b = random.nextBoolean() ? mutate(random, a) : randomWord(random);
      assertThat(StringSimilarity.withinOneEdit(a, b))
          .as("%s / %s", a, b)
          .isEqualTo(StringSimilarity.damerauLevenshtein(a, b) <= 1);
    }
  }

  private static String randomWord(Random random) {
    StringBuilder word = new StringBuilder();
    int length = random.nextInt(6);
    for (int i = 0; i < length; i++) {
      word.append((char) ('A' + random.nextInt(3)));
    }
    return word.toString();
  }

  private static String mutate(Random random, String word) {
    StringBuilder mutated = new StringBuilder(word);
    int edits = 1 + random.nextInt(2);
    for (int e = 0; e < edits; e++) {
      int at = mutated.length() == 0 ? 0 : random.nextInt(mutated.length());
      switch (random.nextInt(4)) {
        case 0 -> mutated.insert(at, (char) ('A' + random.nextInt(3)));
        case 1 -> {
          if (mutated.length() > 0) {
            mutated.deleteCharAt(at);
          }
        }
        case 2 -> {
          if (mutated.length() > 0) {
            mutated.setCharAt(at, (char) ('A' + random.nextInt(3)));
          }
        }
        default -> {
          if (at + 1 < mutated.length()) {
            char c = mutated.charAt(at);
            mutated.setCharAt(at, mutated.charAt(at + 1));
            mutated.setCharAt(at + 1, c);
          }
        }
      }
    }
    return mutated.toString();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"ROBERT,R163", "RUPERT,R163", "ASHCRAFT,A261", "TYMCZAK,T522", "PFISTER,P236", "LEE,L000",
      "O'BRIEN,O165", "HONEYMAN,H555"})
  void soundexFollowsTheAmericanRules(String name, String code) {
    assertThat(StringSimilarity.soundex(name)).isEqualTo(code);
  }

  @Test
  void soundexOfNoLettersIsNull() {
    assertThat(StringSimilarity.soundex("123")).isNull();
    assertThat(StringSimilarity.soundex(null)).isNull();
  }

  @ParameterizedTest(name = "{0} ~ {1}")
  @CsvSource({
      "STEPHEN,STEVEN",
      "CATHERINE,KATHERINE",
      "CATHERINE,KATHRYN",
      "MOHAMMED,MUHAMMAD",
      "MOHAMMED,MOHAMMAD",
      "JON,JOHN",
      // Double Metaphone codes SH as X and S as S, so SEAN/SHAUN differ (Nicknames joins them);
      // SHAUN/SHAWN is the pair it does join.
      "SHAUN,SHAWN",
      "PHILIP,PHILLIP",
      "CLAIRE,CLARE",
      // Double Metaphone keeps the P of THOMPSON (TMPS against TMSN for THOMSON); those two are
      // one edit apart and so CLOSE anyway. THOMSON/TOMSON tests the silent H instead.
      "THOMSON,TOMSON",
      "HUSSAIN,HUSSEIN",
      "DAVIES,DAVIS"})
  void phoneticCodesJoinCommonSpellingVariants(String a, String b) {
    assertThat(StringSimilarity.phonetic(a)).isNotNull().isEqualTo(StringSimilarity.phonetic(b));
  }

  @ParameterizedTest(name = "{0} !~ {1}")
  @CsvSource({"SMITH,JONES", "JOHN,MARY", "SEAN,SHAUN", "THOMPSON,THOMSON", "PATEL,PETERS"})
  void phoneticCodesKeepDifferentNamesApart(String a, String b) {
    assertThat(StringSimilarity.phonetic(a)).isNotEqualTo(StringSimilarity.phonetic(b));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"SMITH,SM0", "SCHMIDT,XMT", "THOMAS,TMS", "STEPHEN,STFN", "KNIGHT,NT", "WRIGHT,RT", "XAVIER,SF",
      "CHRISTOPHER,KRST", "MICHAEL,MKL", "JOSE,HS", "JOSEPH,JSF", "CAESAR,SSR", "EDGE,AJ", "LAUGH,LF", "HUGH,H",
      "WILLIAM,ALM",
      "GEORGE,JRJ", "GERALD,KRLT", "CAMPBELL,KMPL", "AGNES,AKNS", "SMITH JONES,SM0J"})
  void doubleMetaphonePrimaryCodes(String name, String code) {
    assertThat(StringSimilarity.doubleMetaphone(name)).isEqualTo(code);
  }

  @Test
  void phoneticIgnoresCaseAndPunctuationAndIsNullWithoutLetters() {
    assertThat(StringSimilarity.phonetic("o'brien")).isEqualTo(StringSimilarity.phonetic("OBRIEN"));
    assertThat(StringSimilarity.phonetic("  ")).isNull();
    assertThat(StringSimilarity.phonetic(null)).isNull();
  }
}
