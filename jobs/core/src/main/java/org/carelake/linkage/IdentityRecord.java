package org.carelake.linkage;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.StringJoiner;
import org.carelake.identity.NhsNumber;

/**
 * The identifying values of one source record, already standardised (see
 * {@link IdentityStandardiser}); any of them may be null when the source did not send it.
 *
 * <p>{@link #toString()} says only which values are present, so a record can appear in a log or an
 * exception message without disclosing who it is.
 */
public record IdentityRecord(
    String nhsNumber,
    String givenName,
    String familyName,
    LocalDate dateOfBirth,
    String sex,
    String postcode,
    String address)
    implements Serializable {

  /** A record from raw source values, each standardised by {@link IdentityStandardiser}. */
  public static IdentityRecord standardised(String nhsNumber, String givenName, String familyName,
      LocalDate dateOfBirth, String sex, String postcode, String address) {
    return new IdentityRecord(
        IdentityStandardiser.nhsNumber(nhsNumber),
        IdentityStandardiser.name(givenName),
        IdentityStandardiser.name(familyName),
        dateOfBirth,
        IdentityStandardiser.sex(sex),
        IdentityStandardiser.postcode(postcode),
        IdentityStandardiser.address(address));
  }

  /**
   * True when the NHS number passes the Modulus 11 check and is not a placeholder such as
   * 0000000000 (ten equal digits pass the check but are never issued).
   */
  public boolean hasUsableNhsNumber() {
    return NhsNumber.isValid(nhsNumber) && !isPlaceholderNhsNumber(nhsNumber);
  }

  /** Ten equal digits: what systems type when the number is unknown. */
  static boolean isPlaceholderNhsNumber(String number) {
    if (number == null || number.isEmpty()) {
      return false;
    }
    for (int i = 1; i < number.length(); i++) {
      if (number.charAt(i) != number.charAt(0)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    StringJoiner present = new StringJoiner(",", "IdentityRecord[present=", "]");
    addIfPresent(present, "nhs_number", nhsNumber);
    addIfPresent(present, "given_name", givenName);
    addIfPresent(present, "family_name", familyName);
    addIfPresent(present, "date_of_birth", dateOfBirth);
    addIfPresent(present, "sex", sex);
    addIfPresent(present, "postcode", postcode);
    addIfPresent(present, "address", address);
    return present.toString();
  }

  private static void addIfPresent(StringJoiner present, String field, Object value) {
    if (value != null) {
      present.add(field);
    }
  }
}
