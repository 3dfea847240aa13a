package org.carelake.run;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of the quality stage: the gates that hold a borough's feed back from publication for a
 * night, and how much history a measure is compared with. Keys are kebab-case; a test pins every
 * default. Plain Java (no Spark), ready to sit beside the other run settings.
 *
 * @param maxQuarantineShare a feed fails when more than this share of its rows read is quarantined
 *     ({@code gates.max-quarantine-share})
 * @param minVolumeRatio a feed fails when its rows read fall below this ratio of the average of
 *     earlier nights ({@code gates.min-volume-ratio})
 * @param minLinkageRate a feed fails when fewer than this share of its loaded rows have a person
 *     ({@code gates.min-linkage-rate})
 * @param maxLinkageDrop a feed fails when its linkage rate is more than this below its average of
 *     earlier nights ({@code gates.max-linkage-drop})
 * @param minPreviousNights the gates comparing with earlier nights apply only once this many earlier
 *     nights have the measure ({@code gates.min-previous-nights})
 * @param previousNights how many of the most recent earlier nights the previous average covers
 *     ({@code quality.previous-nights})
 * @param lookbackDays how far back those nights may lie ({@code quality.lookback-days})
 * @param minRows the share gates (quarantine share, linkage rate and its drop) apply only to a
 *     borough's feed that read at least this many rows tonight: one unlinked row of two is a rate
 *     of 0.5 and says nothing ({@code gates.min-rows})
 */
public record QualityGates(
    double maxQuarantineShare,
    double minVolumeRatio,
    double minLinkageRate,
    double maxLinkageDrop,
    int minPreviousNights,
    int previousNights,
    int lookbackDays,
    int minRows) {

  public QualityGates {
    share("gates.max-quarantine-share", maxQuarantineShare);
    if (!(minVolumeRatio >= 0)) {
      throw new IllegalArgumentException("gates.min-volume-ratio must be 0 or more, was " + minVolumeRatio);
    }
    share("gates.min-linkage-rate", minLinkageRate);
    share("gates.max-linkage-drop", maxLinkageDrop);
    if (previousNights < 1) {
      throw new IllegalArgumentException("quality.previous-nights must be at least 1, was " + previousNights);
    }
    if (minPreviousNights < 1 || minPreviousNights > previousNights) {
      throw new IllegalArgumentException("gates.min-previous-nights must be between 1 and quality.previous-nights ("
          + previousNights + "), was " + minPreviousNights);
    }
    if (minRows < 0) {
      throw new IllegalArgumentException("gates.min-rows must be 0 or more, was " + minRows);
    }
    if (lookbackDays < previousNights) {
      throw new IllegalArgumentException("quality.lookback-days must be at least quality.previous-nights ("
          + previousNights + "), was " + lookbackDays);
    }
  }

  /**
   * These gates with one setting changed, by its key ({@code gates.max-quarantine-share=0.5}): how
   * a data engineer loosens a gate to release a held feed, or tightens one.
   */
  public QualityGates with(String key, String value) {
    double number;
    try {
      number = Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " takes a number, was '" + value + "'");
    }
    return switch (key.strip()) {
      case "gates.max-quarantine-share" -> new QualityGates(number, minVolumeRatio, minLinkageRate, maxLinkageDrop,
          minPreviousNights, previousNights, lookbackDays, minRows);
      case "gates.min-volume-ratio" -> new QualityGates(maxQuarantineShare, number, minLinkageRate, maxLinkageDrop,
          minPreviousNights, previousNights, lookbackDays, minRows);
      case "gates.min-linkage-rate" -> new QualityGates(maxQuarantineShare, minVolumeRatio, number, maxLinkageDrop,
          minPreviousNights, previousNights, lookbackDays, minRows);
      case "gates.max-linkage-drop" -> new QualityGates(maxQuarantineShare, minVolumeRatio, minLinkageRate, number,
          minPreviousNights, previousNights, lookbackDays, minRows);
      case "gates.min-previous-nights" -> new QualityGates(maxQuarantineShare, minVolumeRatio, minLinkageRate,
          maxLinkageDrop, (int) number, previousNights, lookbackDays, minRows);
      case "quality.previous-nights" -> new QualityGates(maxQuarantineShare, minVolumeRatio, minLinkageRate,
          maxLinkageDrop, minPreviousNights, (int) number, lookbackDays, minRows);
      case "quality.lookback-days" -> new QualityGates(maxQuarantineShare, minVolumeRatio, minLinkageRate,
          maxLinkageDrop, minPreviousNights, previousNights, (int) number, minRows);
      case "gates.min-rows" -> new QualityGates(maxQuarantineShare, minVolumeRatio, minLinkageRate, maxLinkageDrop,
          minPreviousNights, previousNights, lookbackDays, (int) number);
      default -> throw new IllegalArgumentException("unknown gate setting " + key + " (use " + String.join(", ", describe().keySet()) + ")");
    };
  }

  public static QualityGates defaults() {
    return new QualityGates(0.10, 0.5, 0.90, 0.05, 3, 7, 92, 20);
  }

  private static void share(String key, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(key + " is a share between 0 and 1, was " + value);
    }
  }

  /** Every setting by its key, for the run report. */
  public Map<String, String> describe() {
    Map<String, String> described = new LinkedHashMap<>();
    described.put("gates.max-quarantine-share", Double.toString(maxQuarantineShare));
    described.put("gates.min-volume-ratio", Double.toString(minVolumeRatio));
    described.put("gates.min-linkage-rate", Double.toString(minLinkageRate));
    described.put("gates.max-linkage-drop", Double.toString(maxLinkageDrop));
    described.put("gates.min-previous-nights", Integer.toString(minPreviousNights));
    described.put("quality.previous-nights", Integer.toString(previousNights));
    described.put("quality.lookback-days", Integer.toString(lookbackDays));
    described.put("gates.min-rows", Integer.toString(minRows));
    return described;
  }
}
