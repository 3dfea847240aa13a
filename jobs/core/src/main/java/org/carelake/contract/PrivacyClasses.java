package org.carelake.contract;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which columns of each feed fall in which privacy class, answered from the contracts'
 * {@code classification} alone. The link stage's identity vault, the silver mapping check and the
 * identifier-leak gate all ask here, so a column a contract newly classifies as a direct
 * identifier is kept out of silver and hunted by the gate without a change to Java.
 *
 * <ul>
 *   <li>direct identifier: stays in the restricted zone (raw archive, identity vault); may reach
 *       silver only through a pseudonymising or generalising function (the silver mapping check).
 *   <li>quasi-identifier: identity-bearing (sex, ethnicity, date of death); feeds linkage and may
 *       reach silver, generalised where the mapping says so.
 *   <li>clinical, administrative: may reach silver as they are.
 * </ul>
 */
public final class PrivacyClasses {
  private final Map<String, Contract> byFeed;

  private PrivacyClasses(Map<String, Contract> byFeed) {
    this.byFeed = byFeed;
  }

  public static PrivacyClasses of(List<Contract> contracts) {
    requireNonNull(contracts, "contracts is null");
    Map<String, Contract> byFeed = new TreeMap<>();
    for (Contract contract : contracts) {
      byFeed.put(contract.id(), contract);
    }
    return new PrivacyClasses(byFeed);
  }

  /** The lake names of the contract's columns of the given class, in contract order. */
  public static List<String> columns(Contract contract, Classification classification) {
    return contract.columns().stream().filter(c -> c.classification() == classification).map(Column::name).toList();
  }

  /** The lake names of the contract's direct-identifier columns, in contract order. */
  public static List<String> directIdentifiers(Contract contract) {
    return columns(contract, Classification.DIRECT_IDENTIFIER);
  }

  /** The lake names of the contract's quasi-identifier columns, in contract order. */
  public static List<String> quasiIdentifiers(Contract contract) {
    return columns(contract, Classification.QUASI_IDENTIFIER);
  }

  /** True when the contract classifies the column as a direct or a quasi-identifier. */
  public static boolean isIdentifying(Contract contract, String column) {
    return contract.column(column)
        .map(c -> c.classification() == Classification.DIRECT_IDENTIFIER
            || c.classification() == Classification.QUASI_IDENTIFIER)
        .orElse(false);
  }

  /** Every feed with at least one direct-identifier column, by feed id, its columns in contract order. */
  public Map<String, List<String>> directIdentifiersByFeed() {
    Map<String, List<String>> result = new TreeMap<>();
    byFeed.forEach((feed, contract) -> {
      List<String> columns = directIdentifiers(contract);
      if (!columns.isEmpty()) {
        result.put(feed, columns);
      }
    });
    return result;
  }
}
