package org.carelake.synthetic;

import java.util.EnumMap;
import java.util.Map;

/**
 * Probability that an identity-bearing row (a GP registration or a care row; GP event rows carry
 * only an NHS number and the practice's patient id and get none) carries each identifier error.
 * One uniform draw per row picks at most one kind; the kind goes on the row only when it can
 * (the feed has the column, the person has what it needs: a name in the variant or nickname
 * table, a former surname, a day of birth of 12 or less...; and the row's contract defect does not
 * touch the same field), otherwise the row keeps its true identifiers. So each rate is the share
 * of <em>eligible</em> rows with the error; the manifest and ground truth have the exact counts.
 *
 * <p>Defaults (per eligible row) are of the order reported for NHS demographic data, not taken
 * from any one audit: about 9% of care rows and 12% of GP registrations end up with some error.
 *
 * <table>
 *   <caption>defaults</caption>
 *   <tr><th>kind</th><th>rate</th><th>where</th></tr>
 *   <tr><td>name_typo</td><td>0.8%</td><td>GP registrations</td></tr>
 *   <tr><td>name_phonetic</td><td>1.5%</td><td>GP registrations, a name in the table</td></tr>
 *   <tr><td>nickname</td><td>1.5%</td><td>GP registrations, a given name in the table</td></tr>
 *   <tr><td>name_swap</td><td>0.3%</td><td>GP registrations</td></tr>
 *   <tr><td>surname_change</td><td>2%</td><td>GP registrations of people with a former surname</td></tr>
 *   <tr><td>dob_day_month_swap</td><td>2%</td><td>day of birth 12 or less, not equal to the month</td></tr>
 *   <tr><td>dob_defaulted</td><td>0.8%</td><td>born on another day than 1 January</td></tr>
 *   <tr><td>dob_digit_typo</td><td>2%</td><td>every row with a date of birth</td></tr>
 *   <tr><td>postcode_typo</td><td>2%</td><td>every row with a postcode</td></tr>
 *   <tr><td>old_address</td><td>2%</td><td>every row with a postcode (not already the old one)</td></tr>
 *   <tr><td>missing_optional_field</td><td>0.6%</td><td>GP registrations</td></tr>
 *   <tr><td>nhs_number_transposed</td><td>1%</td><td>rows with an NHS number left intact by contract defects</td></tr>
 *   <tr><td>nhs_number_of_another_person</td><td>0.5%</td><td>the same</td></tr>
 * </table>
 */
public record IdentifierErrorRates(
    double nameTypo,
    double namePhonetic,
    double nickname,
    double nameSwap,
    double surnameChange,
    double dobDayMonthSwap,
    double dobDefaulted,
    double dobDigitTypo,
    double postcodeTypo,
    double oldAddress,
    double missingOptionalField,
    double nhsNumberTransposed,
    double nhsNumberOfAnotherPerson) {

  public IdentifierErrorRates {
    double sum = 0;
    for (double rate : new double[] {nameTypo, namePhonetic, nickname, nameSwap, surnameChange, dobDayMonthSwap, dobDefaulted,
        dobDigitTypo, postcodeTypo, oldAddress, missingOptionalField, nhsNumberTransposed, nhsNumberOfAnotherPerson}) {
      if (!(rate >= 0 && rate <= 1)) {
        throw new IllegalArgumentException("identifier error rates must be between 0 and 1, was " + rate);
      }
      sum += rate;
    }
    if (sum > 0.6) {
      throw new IllegalArgumentException("identifier error rates add up to " + sum + "; keep them under 0.6");
    }
  }

  /** Realistic rates (see the table above). */
  public static IdentifierErrorRates defaults() {
    return new IdentifierErrorRates(0.008, 0.015, 0.015, 0.003, 0.02, 0.02, 0.008, 0.02, 0.02, 0.02, 0.006, 0.01, 0.005);
  }

  /** 3% each, so a run of a few thousand persons sees every kind many times. */
  public static IdentifierErrorRates testPreset() {
    double r = 0.03;
    return new IdentifierErrorRates(r, r, r, r, r, r, r, r, r, r, r, r, r);
  }

  public static IdentifierErrorRates none() {
    return new IdentifierErrorRates(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  double rate(DefectKind kind) {
    return switch (kind) {
      case NAME_TYPO -> nameTypo;
      case NAME_PHONETIC -> namePhonetic;
      case NICKNAME -> nickname;
      case NAME_SWAP -> nameSwap;
      case SURNAME_CHANGE -> surnameChange;
      case DOB_DAY_MONTH_SWAP -> dobDayMonthSwap;
      case DOB_DEFAULTED -> dobDefaulted;
      case DOB_DIGIT_TYPO -> dobDigitTypo;
      case POSTCODE_TYPO -> postcodeTypo;
      case OLD_ADDRESS -> oldAddress;
      case MISSING_OPTIONAL_FIELD -> missingOptionalField;
      case NHS_NUMBER_TRANSPOSED -> nhsNumberTransposed;
      case NHS_NUMBER_OF_ANOTHER_PERSON -> nhsNumberOfAnotherPerson;
      default -> 0;
    };
  }

  /** Every identifier error kind with its rate, in draw order. */
  public Map<DefectKind, Double> asMap() {
    Map<DefectKind, Double> out = new EnumMap<>(DefectKind.class);
    for (DefectKind kind : DefectKind.values()) {
      if (kind.isIdentifierError()) {
        out.put(kind, rate(kind));
      }
    }
    return out;
  }
}
