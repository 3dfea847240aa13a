package org.carelake.geography;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PostcodeDirectoryTest {
  private final PostcodeDirectory directory = PostcodeDirectory.greaterManchester();

  @Test
  void boroughsCarryOnsCodesAndCensusPopulation() {
    assertThat(Borough.BOLTON.onsCode()).isEqualTo("E08000001");
    assertThat(Borough.WIGAN.onsCode()).isEqualTo("E08000010");
    assertThat(Borough.totalPopulation()).isEqualTo(2_867_800L);
    assertThat(Borough.fromOnsCode(" e08000003 ")).contains(Borough.MANCHESTER);
    assertThat(Borough.fromOnsCode("E09000001")).isEmpty();
  }

  @Test
  void postcodeDistrictsBelongToOneBoroughOnly() {
    Set<String> seen = new HashSet<>();
    for (Borough borough : Borough.values()) {
      for (String district : borough.postcodeDistricts()) {
        assertThat(seen.add(district)).as("district %s listed twice", district).isTrue();
      }
    }
  }

  @Test
  void everyBoroughHasAboutOneLsoaPerFifteenHundredResidents() {
    for (Borough borough : Borough.values()) {
      List<PostcodeArea> areas = directory.allFor(borough);
      long lsoas = areas.stream().map(PostcodeArea::lsoaCode).distinct().count();
      assertThat(lsoas).isEqualTo(PostcodeDirectory.lsoaCount(borough));
      assertThat(lsoas).isBetween(borough.population() / 1_600L, borough.population() / 1_400L);
      assertThat(areas).allSatisfy(a -> {
        assertThat(a.boroughCode()).isEqualTo(borough.onsCode());
        assertThat(a.borough()).isEqualTo(borough);
        assertThat(a.postcode()).matches("^[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2}$");
        assertThat(borough.postcodeDistricts()).contains(a.postcode().substring(0, a.postcode().indexOf(' ')));
        assertThat(a.lsoaCode()).matches("^E019[0-9]{5}$");
      });
    }
  }

  @Test
  void postcodesAndLsoasAreUniqueAcrossTheRegion() {
    assertThat(directory.entries()).extracting(PostcodeArea::postcode).doesNotHaveDuplicates();
    long lsoas = directory.entries().stream().map(PostcodeArea::lsoaCode).distinct().count();
    long lsoaBoroughPairs = directory.entries().stream().map(a -> a.lsoaCode() + a.boroughCode()).distinct().count();
    assertThat(lsoas).isEqualTo(lsoaBoroughPairs);
    assertThat(directory.size()).isEqualTo(directory.entries().size());
  }

  @Test
  void lookupNormalisesCaseAndSpacing() {
    PostcodeArea area = directory.allFor(Borough.SALFORD).get(5);
    String compact = area.postcode().replace(" ", "").toLowerCase();
    assertThat(directory.lookup(compact)).contains(area);
    assertThat(directory.lookup("  " + area.postcode().replace(" ", "   ") + " ")).contains(area);
    assertThat(directory.lookup("ZZ9 9ZZ")).isEmpty();
    assertThat(directory.lookup("")).isEmpty();
    assertThat(directory.lookup(null)).isEmpty();
    assertThat(PostcodeDirectory.normalise("m1 1ae")).contains("M1 1AE");
  }

  @Test
  void deprivationSkewsLowInManchesterAndHighInTrafford() {
    assertThat(meanDecile(Borough.MANCHESTER)).isLessThan(3.5);
    assertThat(meanDecile(Borough.OLDHAM)).isLessThan(4.0);
    assertThat(meanDecile(Borough.TRAFFORD)).isGreaterThan(6.0);
    assertThat(meanDecile(Borough.STOCKPORT)).isGreaterThan(5.5);
    assertThat(directory.entries()).allSatisfy(a -> assertThat(a.imdDecile()).isBetween(1, 10));
  }

  @Test
  void directoryIsTheSameEveryTime() {
    assertThat(directory.allFor(Borough.BOLTON).get(0)).isEqualTo(PostcodeDirectory.greaterManchester().allFor(Borough.BOLTON).get(0));
    // pin one entry so an accidental change to the generation is noticed
    PostcodeArea first = directory.entries().get(0);
    assertThat(first.lsoaCode()).isEqualTo("E01900000");
    assertThat(first.postcode()).startsWith("BL1 ");
  }

  private double meanDecile(Borough borough) {
    return directory.allFor(borough).stream().mapToInt(PostcodeArea::imdDecile).average().orElseThrow();
  }
}
