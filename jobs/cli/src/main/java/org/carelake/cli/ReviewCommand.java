package org.carelake.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.carelake.access.Action;
import org.carelake.audit.GovernedAccess;
import org.carelake.lake.Zone;
import org.carelake.link.ClericalReview;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Clerical review of uncertain matches: list the pairs, decide LINK or NO_LINK. The access policy
 * must allow it, and every use is audited.
 */
@Command(name = "review", mixinStandardHelpOptions = true,
    description = {"Clerical review of uncertain record matches (between the review and link thresholds).",
        "  carelake review list [--status PENDING|LINK|NO_LINK|ALL] [--show-identifiers]",
        "  carelake review decide PAIR-ID --link|--no-link",
        "A decision is applied by the next night's link stage (or: carelake nightly --date D --stage link,silver,gold,check)."})
final class ReviewCommand implements Callable<Integer> {
  @Mixin LakeOptions lake;

  @Parameters(index = "0", description = "list or decide")
  String action;

  @Parameters(index = "1", arity = "0..1", description = "the pair id (or its first 8+ characters) for decide")
  String pair;

  @Option(names = "--status", defaultValue = "PENDING", description = "Which pairs to list (default ${DEFAULT-VALUE}).")
  String status;

  @Option(names = "--limit", defaultValue = "50", description = "At most this many pairs (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--link", description = "The record is the candidate person.")
  boolean link;

  @Option(names = "--no-link", description = "The record is not the candidate person.")
  boolean noLink;

  @Option(names = "--show-identifiers", description = "List the identifiers of both sides, for the reviewer (audited).")
  boolean showIdentifiers;

  @Option(names = "--purpose", defaultValue = "clerical review of record linkage", description = "For the audit record.")
  String purpose;

  @Override
  public Integer call() {
    if (!action.equals("list") && !action.equals("decide")) {
      System.err.println("carelake: review takes list or decide, not " + action);
      return 2;
    }
    if (action.equals("decide") && (pair == null || link == noLink)) {
      System.err.println("carelake: give a pair id and exactly one of --link or --no-link");
      return 2;
    }
    DataEngineerAccess access = DataEngineerAccess.open(lake);
    ClericalReview review = new ClericalReview(access.io(), access.lake());
    GovernedAccess.Resource pairs = new GovernedAccess.Resource(Zone.RESTRICTED, "clerical_review", Action.READ);
    switch (action) {
      case "list" -> {
        List<GovernedAccess.Resource> reads = showIdentifiers
            ? List.of(pairs, new GovernedAccess.Resource(Zone.RESTRICTED, "identity", Action.READ))
            : List.of(pairs);
        List<ClericalReview.Pair> listed = access.use(purpose, "review list", "status " + status, reads, () -> {
          List<ClericalReview.Pair> found = review.list(status.toUpperCase(Locale.ROOT), limit, showIdentifiers);
          return new GovernedAccess.Result<>(found, found.size(), showIdentifiers);
        });
        System.out.print(render(listed));
        return 0;
      }
      case "decide" -> {
        List<GovernedAccess.Resource> decides = List.of(new GovernedAccess.Resource(Zone.RESTRICTED, "clerical_review", Action.DECIDE));
        String decided = access.use(purpose, "review decide", "pair " + pair.substring(0, Math.min(12, pair.length()))
            + (link ? " LINK" : " NO_LINK"), decides,
            () -> new GovernedAccess.Result<>(review.decide(pair, link, access.actor(), Instant.now()), 1, false));
        System.out.println("Recorded " + (link ? "LINK" : "NO_LINK") + " for pair " + decided.substring(0, 12)
            + "; the next night's link stage applies it.");
        return 0;
      }
      default -> {
        System.err.println("carelake: review takes list or decide, not " + action);
        return 2;
      }
    }
  }

  private static String render(List<ClericalReview.Pair> pairs) {
    StringBuilder out = new StringBuilder();
    if (pairs.isEmpty()) {
      return "No review pairs.\n";
    }
    List<List<String>> rows = new ArrayList<>();
    for (ClericalReview.Pair p : pairs) {
      rows.add(List.of(p.pairId().substring(0, 12), p.status(), String.format(Locale.ROOT, "%.4f", p.probability()),
          p.identityId().substring(0, 12), p.candidatePersonId().substring(0, 12), p.raisedNight(), p.drivers()));
    }
    RunSummary.table(out, List.of("pair", "status", "p", "record", "candidate person", "raised", "drivers"), rows);
    for (ClericalReview.Pair p : pairs) {
      if (!p.recordIdentifiers().isEmpty()) {
        out.append("\npair ").append(p.pairId(), 0, 12).append('\n');
        p.recordIdentifiers().forEach(line -> out.append("  record     ").append(line).append('\n'));
        p.candidateIdentifiers().forEach(line -> out.append("  candidate  ").append(line).append('\n'));
      }
    }
    return out.toString();
  }
}
