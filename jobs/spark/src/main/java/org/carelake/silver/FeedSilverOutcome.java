package org.carelake.silver;

/**
 * What silver did with one feed's rows for the night.
 *
 * @param rowsIn loaded rows of the night
 * @param heldBack rows of boroughs whose feed failed a quality gate tonight, not taken to silver
 * @param exactDuplicates rows dropped as exact copies of another row
 * @param superseded rows repeating another row's primary key with other content, set aside by the
 *     contract's {@code carelake.duplicate-keys} rule (by default the later row stands)
 * @param rowsToSilver rows mapped and offered to the silver table (with rows of earlier nights
 *     whose person changed tonight)
 * @param pendingLinkage rows waiting in {@code restricted.pending_linkage}: with no linked person
 *     yet, or held as dated before their person's birth
 * @param beforeBirth of those, rows held because their care date is before the linked person's
 *     known birth date ({@code carelake.before-birth: hold})
 * @param deletions rows re-sending a record the source deleted: its silver row is removed
 * @param skipped true when the feed's input was unchanged since the last run, so nothing was done
 */
public record FeedSilverOutcome(
    String feed, String target, long rowsIn, long heldBack, long exactDuplicates, long superseded, long rowsToSilver, long pendingLinkage, long beforeBirth,
    long deletions, boolean skipped) {}
