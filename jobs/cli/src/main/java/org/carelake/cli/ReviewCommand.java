package org.carelake.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.carelake.link.ClericalReview;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Clerical review of uncertain matches: list the pairs, decide LINK or NO_LINK. Audited. */
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
    DataEngineerAccess access = DataEngineerAccess.open(lake);
    ClericalReview review = new ClericalReview(access.io(), access.lake());
    switch (action) {
      case "list" -> {
        List<ClericalReview.Pair> pairs = review.list(status.toUpperCase(Locale.ROOT), limit, showIdentifiers);
        access.audit(purpose, "review list", "status " + status, "ALLOWED", pairs.size(), showIdentifiers);
        System.out.print(render(pairs));
        return 0;
      }
      case "decide" -> {
        if (pair == null || link == noLink) {
          System.err.println("carelake: give a pair id and exactly one of --link or --no-link");
          return 2;
        }
        String decided = review.decide(pair, link, access.actor(), Instant.now());
        access.audit(purpose, "review decide", "pair " + decided.substring(0, 12) + (link ? " LINK" : " NO_LINK"), "ALLOWED", 1,
            false);
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
