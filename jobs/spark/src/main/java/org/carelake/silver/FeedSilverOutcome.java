package org.carelake.silver;

/**
 * What silver did with one feed's rows for the night.
 *
 * @param rowsIn loaded rows of the night
 * @param exactDuplicates rows dropped as exact copies of another row
 * @param rowsToSilver rows mapped and offered to the silver table
 * @param pendingLinkage rows with no usable NHS number, kept in the restricted zone for linkage
 * @param skipped true when the feed's input was unchanged since the last run, so nothing was done
 */
public record FeedSilverOutcome(
    String feed, String target, long rowsIn, long exactDuplicates, long rowsToSilver, long pendingLinkage, boolean skipped) {}
