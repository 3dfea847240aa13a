package org.carelake.lake;

import static java.util.Objects.requireNonNull;

/**
 * Where every table lives, under one root that may be a local folder or an object-store URI. No
 * stage builds a path by hand.
 */
public final class Lake {
  private final String root;

  public Lake(String root) {
    requireNonNull(root, "root is null");
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }

  public String root() {
    return root;
  }

  /** The folder holding every table of the zone. */
  public String zonePath(Zone zone) {
    return root + "/" + zone.folder();
  }

  public TableRef table(Zone zone, String name) {
    return new TableRef(zone, name, zonePath(zone) + "/" + name);
  }

  /** Rows of one feed that met its contract, with identifiers, as loaded. */
  public TableRef raw(String feedId) {
    return table(Zone.RESTRICTED, "raw_" + feedId);
  }

  public TableRef quarantine() {
    return table(Zone.RESTRICTED, "quarantine");
  }

  public TableRef ledger() {
    return table(Zone.RESTRICTED, "ingest_ledger");
  }

  public TableRef identity() {
    return table(Zone.RESTRICTED, "identity");
  }

  /** A restricted-zone table declared in {@code sql/ddl/restricted/}. */
  public TableRef restricted(String name) {
    return table(Zone.RESTRICTED, name);
  }

  public TableRef pendingLinkage() {
    return table(Zone.RESTRICTED, "pending_linkage");
  }

  public TableRef silver(String name) {
    return table(Zone.SILVER, name);
  }

  public TableRef gold(String name) {
    return table(Zone.GOLD, name);
  }

  public TableRef reference(String name) {
    return table(Zone.REFERENCE, name);
  }

  public TableRef runs() {
    return table(Zone.OPS, "runs");
  }

  public TableRef stageState() {
    return table(Zone.OPS, "stage_state");
  }

  public TableRef builds() {
    return table(Zone.OPS, "builds");
  }
}
