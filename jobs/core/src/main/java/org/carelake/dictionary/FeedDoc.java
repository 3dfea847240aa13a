package org.carelake.dictionary;

import static java.util.Objects.requireNonNull;

import org.carelake.contract.Contract;

/**
 * A source feed as its data contract declares it, with the silver mapping that carries it on.
 *
 * @param definedIn the contract file, relative to the repository root
 * @param target the silver table its mapping fills ({@code silver.person}); empty for a feed that
 *     never reaches silver (an opt-out list)
 * @param mapping the mapping file and its purpose, empty when there is none
 */
public record FeedDoc(Contract contract, String definedIn, String target, String mapping, String mappingPurpose) {
  public FeedDoc {
    requireNonNull(contract, "contract is null");
    requireNonNull(definedIn, "definedIn is null");
    requireNonNull(target, "target is null");
    requireNonNull(mapping, "mapping is null");
    requireNonNull(mappingPurpose, "mappingPurpose is null");
  }

  public String id() {
    return contract.id();
  }
}
