package org.carelake.cli;

import java.time.Instant;
import org.carelake.audit.AuditLog;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.run.Settings;

/**
 * What a data engineer's audited command needs: the settings, the lake, and an audit log that
 * records who (the operating-system user), in the data-engineer role, did what and why.
 */
record DataEngineerAccess(Settings settings, DeltaIo io, Lake lake, AuditLog audit, String actor) {
  static DataEngineerAccess open(LakeOptions options) {
    Settings settings = options.settings();
    DeltaIo io = Lakehouse.open(settings);
    Lake lake = new Lake(settings.lakeRoot());
    return new DataEngineerAccess(settings, io, lake, new AuditLog(io, lake, settings.sqlDir()),
        System.getProperty("user.name", "unknown"));
  }

  void audit(String purpose, String action, String target, String outcome, long rowsReturned, boolean identifiersShown) {
    audit.append(new AuditLog.Entry(actor, "data-engineer", null, purpose, action, target, outcome, rowsReturned,
        identifiersShown), Instant.now());
  }
}
