package org.carelake.synthetic;

import java.time.LocalDate;

/**
 * Row-level contract defect injection: each defect breaks exactly one contract rule, or breaks
 * none and is there for a later stage (blank NHS number, wrong check digit, duplicates), or
 * declines.
 */
final class Defects {
  private Defects() {}

  /**
   * Applies a defect to a valid row in place. Returns the rule the row now breaks
   * (&lt;column&gt;.&lt;rule&gt;), "" when the row should still load, or null when the defect cannot
   * go on this row (the row is then left untouched).
   */
  static String apply(DefectKind kind, Feed feed, String[] fields, LocalDate dateOfBirth, int variant) {
    int nhs = feed.column("nhs_number");
    switch (kind) {
      case MISSING_NHS_NUMBER -> {
        fields[nhs] = "";
        return "";
      }
      case INVALID_NHS_NUMBER -> {
        fields[nhs] = NhsNumbers.withWrongCheckDigit(fields[nhs]);
        return ""; // the nhs-number rule is a warning: the row loads and linkage matches it on demographics
      }
      case DUPLICATE_ROW -> {
        return "";
      }
      case DUPLICATE_EVENT_NEW_ID -> {
        return feed.isCare() ? "" : null;
      }
      case FUTURE_DATE, UNPARSEABLE_DATE -> {
        for (String[] candidate : feed.breakableDates()) {
          int column = feed.column(candidate[0]);
          boolean dependentBlank = candidate[1] == null || fields[feed.column(candidate[1])].isEmpty();
          if (!fields[column].isEmpty() && dependentBlank) {
            DateText text = textOf(feed, candidate[0]);
            if (kind == DefectKind.FUTURE_DATE) {
              fields[column] = text.format(LocalDate.of(2099, 1 + variant % 12, 1 + variant % 28).atTime(10 + variant % 8, 30));
              return candidate[0] + ".not-in-future";
            }
            fields[column] = text.unparseable(variant);
            return candidate[0] + ".format";
          }
        }
        return null;
      }
      case DATE_BEFORE_BIRTH -> {
        String name = feed.dateNotBeforeBirth();
        if (name == null) {
          return null;
        }
        LocalDate before = dateOfBirth.minusDays(1 + variant % 400);
        fields[feed.column(name)] = textOf(feed, name).format(before.atTime(9 + variant % 10, 15));
        return name + ".not-before";
      }
      case UNKNOWN_CODE -> {
        String name = feed.codeColumn();
        if (name == null) {
          return null;
        }
        int column = feed.column(name);
        fields[column] = switch (feed.codeRule()) {
          case "snomed-ct-id" -> {
            String code = fields[column];
            yield code.substring(0, code.length() - 1) + (char) ('0' + (code.charAt(code.length() - 1) - '0' + 1) % 10);
          }
          case "icd10-code" -> "ZZZ";
          default -> switch (feed) {
            case ACUTE_OP -> "999";
            case MH_CONTACTS -> "Z99";
            case COMMUNITY_CONTACTS -> "aromatherapy";
            case ASC_SERVICES -> "unknown-service";
            default -> "unknown";
          };
        };
        return name + "." + feed.codeRule();
      }
      default -> throw new IllegalArgumentException("not a row-level defect: " + kind);
    }
  }

  static DateText textOf(Feed feed, String column) {
    return column.equals("arrival_time") || column.equals("contact_time") ? feed.careTimeText() : feed.dateText();
  }
}
