package org.carelake.serve.sharing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.carelake.access.AccessPolicy;
import org.carelake.access.AccessRequest;
import org.carelake.access.Action;
import org.carelake.access.ProjectTokens;
import org.carelake.access.ResearchProject;
import org.carelake.audit.AuditEntry;
import org.carelake.serve.audit.AuditTrail;
import org.carelake.serve.lake.DeltaAppend;
import org.carelake.serve.lake.TableFiles;

/**
 * A Delta Sharing protocol server (REST, parquet response format) over the lake's published zone:
 * one share per research project of the access policy, named by the project id, with one schema,
 * {@code gold}, holding exactly the project's own published tables ({@code <dataset>__<project>})
 * that the policy lets the project read. A bearer token ({@link ProjectTokens}) acts for one project.
 * The data files are served by this server at short-lived signed URLs ({@link FileSigner}), and only
 * the files of the table's snapshot being read. Every request, allowed or refused, is audited in
 * {@code ops.audit} under the token's id (never the token).
 */
public final class SharingServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(SharingServer.class.getName());
  public static final String PREFIX = "/delta-sharing";
  static final String SCHEMA = "gold";
  static final String ROLE = "researcher";
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN_ATTRIBUTE = "carelake.share.token";

  private final SharingSettings settings;
  private final Clock clock;
  private final AccessPolicy policy;
  private final ProjectTokens tokens;
  private final Engine engine;
  private final AuditTrail audit;
  private final FileSigner signer = new FileSigner();
  private final Javalin app;
  private final ConcurrentHashMap<String, java.util.Set<String>> snapshotFiles = new ConcurrentHashMap<>();

  /** A refusal or failure answered with the protocol's error JSON, and audited. */
  static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String code;
    final String target;

    Refusal(int status, String code, String message, String target) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
      this.target = target;
    }
  }

  public SharingServer(SharingSettings settings, Clock clock) {
    this.settings = requireNonNull(settings, "settings is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.policy = AccessPolicy.load(settings.policy());
    this.tokens = new ProjectTokens(settings.tokens());
    this.engine = DefaultEngine.create(new Configuration());
    this.audit = new AuditTrail(new DeltaAppend(engine, "carelake-share"),
        settings.lake().toAbsolutePath().resolve("ops").resolve("audit").toString(), settings.auditFlush());
    this.app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.router.ignoreTrailingSlashes = true;
    });
    routes();
  }

  public int start() {
    app.start(settings.host(), settings.port());
    return app.port();
  }

  public AuditTrail audit() {
    return audit;
  }

  @Override
  public void close() {
    app.stop();
    audit.close();
  }

  private void routes() {
    String table = PREFIX + "/shares/{share}/schemas/{schema}/tables/{table}";
    app.before(PREFIX + "/shares", this::authenticate);
    app.before(PREFIX + "/shares/*", this::authenticate);
    app.get(PREFIX + "/shares", this::listShares);
    app.get(PREFIX + "/shares/{share}", this::getShare);
    app.get(PREFIX + "/shares/{share}/schemas", this::listSchemas);
    app.get(PREFIX + "/shares/{share}/schemas/{schema}/tables", this::listTables);
    app.get(PREFIX + "/shares/{share}/all-tables", this::listAllTables);
    app.head(table, this::tableVersion);
    app.get(table + "/version", this::tableVersion);
    app.get(table + "/metadata", this::metadata);
    app.post(table + "/query", this::query);
    app.get(PREFIX + "/files/{token}/{table}/{file}", this::file);
    app.head(PREFIX + "/files/{token}/{table}/{file}", this::file);
    app.exception(Refusal.class, (e, ctx) -> {
      record(ctx, e.target, e.status < 500 ? AuditEntry.REFUSED : AuditEntry.FAILED, 0);
      error(ctx, e.status, e.code, e.getMessage());
    });
    app.exception(Exception.class, (e, ctx) -> {
      LOG.log(Level.WARNING, "sharing request failed: " + e.getClass().getSimpleName());
      record(ctx, "sharing", AuditEntry.FAILED, 0);
      error(ctx, 500, "INTERNAL_ERROR", "The request failed; it was recorded.");
    });
    app.error(404, ctx -> {
      if (ctx.result() == null || ctx.result().isEmpty()) {
        record(ctx, "unmatched", AuditEntry.REFUSED, 0);
        error(ctx, 404, "RESOURCE_DOES_NOT_EXIST", "There is no such resource.");
      }
    });
  }

  // ---- authentication and the project's share -------------------------------------------------------

  private void authenticate(Context ctx) {
    String header = ctx.header("Authorization");
    String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
    ProjectTokens.Result result = tokens.check(presented, clock.instant());
    result.entry().ifPresent(entry -> ctx.attribute(TOKEN_ATTRIBUTE, entry));
    if (result.check() != ProjectTokens.Check.VALID) {
      String why = switch (result.check()) {
        case EXPIRED -> "The bearer token has expired.";
        case REVOKED -> "The bearer token has been revoked.";
        default -> "A valid bearer token is required.";
      };
      throw new Refusal(401, "UNAUTHENTICATED", why, "token " + result.check().name().toLowerCase(Locale.ROOT));
    }
  }

  private ProjectTokens.Entry token(Context ctx) {
    return requireNonNull(ctx.attribute(TOKEN_ATTRIBUTE), "not authenticated");
  }

  private LocalDate today() {
    return LocalDate.now(clock.withZone(ZoneOffset.UTC));
  }

  /** The token's project, while the policy declares it and its approval lasts. */
  private ResearchProject project(Context ctx) {
    ProjectTokens.Entry token = token(ctx);
    ResearchProject project = policy.projects().get(token.project());
    if (project == null) {
      throw new Refusal(403, "PERMISSION_DENIED", "The token's project is not an approved project.", "share " + token.project());
    }
    if (!project.activeOn(today())) {
      throw new Refusal(403, "PERMISSION_DENIED", "The project's approval has expired; its tables are no longer shared.",
          "share " + project.id());
    }
    return project;
  }

  /** The requested share, which must be the token's project's own. */
  private ResearchProject share(Context ctx) {
    ResearchProject project = project(ctx);
    String share = ctx.pathParam("share").toLowerCase(Locale.ROOT);
    if (!share.equals(project.id())) {
      boolean declared = policy.projects().containsKey(share);
      throw new Refusal(declared ? 403 : 404, declared ? "PERMISSION_DENIED" : "RESOURCE_DOES_NOT_EXIST",
          declared ? "This token may not read share " + share + "." : "There is no such share.",
          declared ? "share " + share : "unknown share");
    }
    return project;
  }

  private void schema(Context ctx, ResearchProject project) {
    if (!ctx.pathParam("schema").equalsIgnoreCase(SCHEMA)) {
      throw new Refusal(404, "RESOURCE_DOES_NOT_EXIST", "There is no such schema in share " + project.id() + ".", "unknown schema");
    }
  }

  /** The project's tables the policy lets it read and the lake has published, in the policy's order. */
  private List<String> tables(ResearchProject project) {
    List<String> out = new ArrayList<>();
    for (String dataset : project.datasets()) {
      String name = project.table(dataset);
      boolean allowed = policy.decide(new AccessRequest(project.id(), ROLE, Optional.of(project.id()), project.purpose(), Action.READ,
          SCHEMA, name, today())).allowed();
      if (allowed && TableFiles.latestVersion(engine, location(name)).isPresent()) {
        out.add(name);
      }
    }
    return out;
  }

  /** The requested table: one of the share's, else refused (another project's table: 403; anything else: 404). */
  private String table(Context ctx, ResearchProject project) {
    schema(ctx, project);
    String name = ctx.pathParam("table").toLowerCase(Locale.ROOT);
    if (!tables(project).contains(name)) {
      Optional<String> dataset = ResearchProject.datasetOf(name);
      boolean anothers = dataset.isPresent() && policy.projects().values().stream()
          .anyMatch(p -> p != project && p.receives(dataset.get()) && p.table(dataset.get()).equals(name));
      throw new Refusal(anothers ? 403 : 404, anothers ? "PERMISSION_DENIED" : "RESOURCE_DOES_NOT_EXIST",
          anothers ? "This token may not read " + SCHEMA + "." + name + "." : "There is no such table in share " + project.id() + ".",
          anothers ? SCHEMA + "." + name : "unknown table");
    }
    return name;
  }

  private String location(String table) {
    return settings.lake().toAbsolutePath().resolve(SCHEMA).resolve(table).toString();
  }

  // ---- listing ------------------------------------------------------------------------------------

  private ObjectNode shareJson(ResearchProject project) {
    ObjectNode node = JSON.createObjectNode().put("name", project.id()).put("id", uuid("share:" + project.id()));
    return node;
  }

  private void listShares(Context ctx) {
    ResearchProject project = project(ctx);
    ObjectNode body = JSON.createObjectNode();
    body.putArray("items").add(shareJson(project));
    record(ctx, "share " + project.id(), AuditEntry.ALLOWED, 0);
    json(ctx, body);
  }

  private void getShare(Context ctx) {
    ResearchProject project = share(ctx);
    ObjectNode body = JSON.createObjectNode();
    body.set("share", shareJson(project));
    record(ctx, "share " + project.id(), AuditEntry.ALLOWED, 0);
    json(ctx, body);
  }

  private void listSchemas(Context ctx) {
    ResearchProject project = share(ctx);
    ObjectNode body = JSON.createObjectNode();
    body.putArray("items").addObject().put("name", SCHEMA).put("share", project.id());
    record(ctx, "share " + project.id(), AuditEntry.ALLOWED, 0);
    json(ctx, body);
  }

  private void listTables(Context ctx) {
    ResearchProject project = share(ctx);
    schema(ctx, project);
    tablesResponse(ctx, project);
  }

  private void listAllTables(Context ctx) {
    tablesResponse(ctx, share(ctx));
  }

  private void tablesResponse(Context ctx, ResearchProject project) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode items = body.putArray("items");
    List<String> names = tables(project);
    for (String name : names) {
      items.addObject().put("name", name).put("schema", SCHEMA).put("share", project.id())
          .put("shareId", uuid("share:" + project.id())).put("id", uuid("table:" + project.id() + "." + name));
    }
    record(ctx, "share " + project.id() + ": " + String.join(",", names), AuditEntry.ALLOWED, 0);
    json(ctx, body);
  }

  // ---- a table ------------------------------------------------------------------------------------

  private void tableVersion(Context ctx) {
    ResearchProject project = share(ctx);
    String name = table(ctx, project);
    if (ctx.queryParam("startingTimestamp") != null) {
      throw new Refusal(400, "INVALID_PARAMETER_VALUE", "startingTimestamp is not supported by this server.", SCHEMA + "." + name);
    }
    long version = TableFiles.latestVersion(engine, location(name))
        .orElseThrow(() -> new Refusal(404, "RESOURCE_DOES_NOT_EXIST", "The table is not published.", SCHEMA + "." + name));
    record(ctx, SCHEMA + "." + name, AuditEntry.ALLOWED, 0);
    ctx.header("delta-table-version", Long.toString(version));
    if (ctx.method() != HandlerType.HEAD) {
      ctx.contentType("application/json; charset=utf-8").result("{}");
    }
  }

  private TableFiles.Listing listing(String name, Optional<Long> version) {
    try {
      return TableFiles.list(engine, location(name), version)
          .orElseThrow(() -> new Refusal(404, "RESOURCE_DOES_NOT_EXIST", "The table is not published.", SCHEMA + "." + name));
    } catch (IllegalArgumentException e) {
      throw new Refusal(400, "INVALID_PARAMETER_VALUE", "That version of the table cannot be read.", SCHEMA + "." + name);
    }
  }

  /** Parquet-format responses cannot carry deletion vectors or column mapping: such a table is refused, not served wrong. */
  private static void shareable(String name, TableFiles.Listing listing) {
    boolean mapped = !"none".equalsIgnoreCase(listing.configuration().getOrDefault("delta.columnMapping.mode", "none"));
    boolean vectors = listing.readerFeatures().stream().anyMatch(f -> f.equalsIgnoreCase("deletionVectors"));
    if (mapped || vectors) {
      throw new Refusal(400, "INVALID_PARAMETER_VALUE",
          "The table uses Delta features (column mapping or deletion vectors) this server does not share in parquet format.",
          SCHEMA + "." + name);
    }
  }

  private ObjectNode metadataLine(String name, TableFiles.Listing listing, boolean withVersion) {
    ObjectNode meta = JSON.createObjectNode();
    meta.put("id", listing.tableId()).put("name", name);
    meta.putObject("format").put("provider", "parquet");
    meta.put("schemaString", listing.schemaString());
    ArrayNode partitions = meta.putArray("partitionColumns");
    listing.partitionColumns().forEach(partitions::add);
    ObjectNode configuration = meta.putObject("configuration");
    listing.configuration().forEach(configuration::put);
    if (withVersion) {
      meta.put("version", listing.version());
    }
    meta.put("size", listing.size()).put("numFiles", listing.files().size());
    ObjectNode line = JSON.createObjectNode();
    line.set("metaData", meta);
    return line;
  }

  private static String protocolLine() {
    return "{\"protocol\":{\"minReaderVersion\":1}}";
  }

  private void metadata(Context ctx) throws IOException {
    ResearchProject project = share(ctx);
    String name = table(ctx, project);
    TableFiles.Listing listing = listing(name, Optional.empty());
    shareable(name, listing);
    record(ctx, SCHEMA + "." + name, AuditEntry.ALLOWED, 0);
    ndjson(ctx, listing.version(), List.of(protocolLine(), JSON.writeValueAsString(metadataLine(name, listing, false))));
  }

  private void query(Context ctx) throws IOException {
    ResearchProject project = share(ctx);
    String name = table(ctx, project);
    JsonNode request;
    try {
      request = ctx.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(ctx.body());
    } catch (IOException e) {
      throw new Refusal(400, "INVALID_PARAMETER_VALUE", "The request body is not JSON.", SCHEMA + "." + name);
    }
    for (String unsupported : List.of("timestamp", "startingVersion", "endingVersion")) {
      if (request.hasNonNull(unsupported)) {
        throw new Refusal(400, "INVALID_PARAMETER_VALUE", unsupported + " is not supported by this server.", SCHEMA + "." + name);
      }
    }
    Optional<Long> version = Optional.empty();
    if (request.hasNonNull("version")) {
      if (!request.get("version").canConvertToLong() || request.get("version").asLong() < 0) {
        throw new Refusal(400, "INVALID_PARAMETER_VALUE", "version must be a non-negative number.", SCHEMA + "." + name);
      }
      version = Optional.of(request.get("version").asLong());
    }
    long limit = request.hasNonNull("limitHint") && request.get("limitHint").canConvertToLong() ? request.get("limitHint").asLong() : -1;
    TableFiles.Listing listing = listing(name, version);
    shareable(name, listing);
    List<String> lines = new ArrayList<>();
    lines.add(protocolLine());
    lines.add(JSON.writeValueAsString(metadataLine(name, listing, version.isPresent())));
    long expires = clock.instant().plus(settings.urlLifetime()).getEpochSecond();
    String base = baseUrl(ctx);
    String tokenId = token(ctx).id();
    long rows = 0;
    for (TableFiles.DataFile file : listing.files()) {
      if (limit >= 0 && rows >= limit && rows > 0) {
        break; // the limit is a hint: files already cover it (by their statistics' record counts)
      }
      String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(file.path().getBytes(StandardCharsets.UTF_8));
      String url = base + PREFIX + "/files/" + tokenId + "/" + name + "/" + encoded + "?expires=" + expires + "&sig="
          + signer.sign(tokenId, name, file.path(), expires);
      ObjectNode entry = JSON.createObjectNode();
      entry.put("url", url).put("id", uuid("file:" + name + "/" + file.path()));
      ObjectNode partitionValues = entry.putObject("partitionValues");
      file.partitionValues().forEach(partitionValues::put);
      entry.put("size", file.size());
      if (file.stats() != null) {
        entry.put("stats", file.stats());
      }
      if (version.isPresent()) {
        entry.put("version", listing.version()).put("timestamp", listing.committedAtMillis());
      }
      entry.put("expirationTimestamp", expires * 1000);
      ObjectNode line = JSON.createObjectNode();
      line.set("file", entry);
      lines.add(JSON.writeValueAsString(line));
      rows += numRecords(file.stats());
    }
    record(ctx, SCHEMA + "." + name + "@" + listing.version(), AuditEntry.ALLOWED, rows);
    ndjson(ctx, listing.version(), lines);
  }

  private static long numRecords(String stats) {
    if (stats == null) {
      return 0;
    }
    try {
      return Math.max(0, JSON.readTree(stats).path("numRecords").asLong(0));
    } catch (IOException e) {
      return 0;
    }
  }

  private String baseUrl(Context ctx) {
    return settings.publicUrl().map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u)
        .orElse(ctx.scheme() + "://" + ctx.host());
  }

  // ---- files --------------------------------------------------------------------------------------

  /**
   * A data file at a signed URL: the signature must be this server's and unexpired, the token it was
   * issued under still valid and its project still allowed the table, and the file one of the
   * table's current snapshot. Byte ranges are served (the clients read Parquet footers first).
   */
  private void file(Context ctx) throws IOException {
    String tokenId = ctx.pathParam("token");
    String name = ctx.pathParam("table");
    String path;
    try {
      path = new String(Base64.getUrlDecoder().decode(ctx.pathParam("file")), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new Refusal(403, "PERMISSION_DENIED", "The file URL is not valid.", "file");
    }
    Optional<ProjectTokens.Entry> entry = tokens.entry(tokenId);
    entry.ifPresent(e -> ctx.attribute(TOKEN_ATTRIBUTE, e));
    long expires;
    try {
      expires = Long.parseLong(ctx.queryParam("expires"));
    } catch (NumberFormatException e) {
      throw new Refusal(403, "PERMISSION_DENIED", "The file URL is not valid.", "file of " + SCHEMA + "." + name);
    }
    if (!signer.verify(tokenId, name, path, expires, ctx.queryParam("sig"), clock.instant())) {
      throw new Refusal(403, "PERMISSION_DENIED", "The file URL is not valid or has expired; query the table again.",
          "file of " + SCHEMA + "." + name);
    }
    Instant now = clock.instant();
    if (entry.isEmpty() || entry.get().revoked().isPresent() || !now.isBefore(entry.get().expires())) {
      throw new Refusal(401, "UNAUTHENTICATED", "The token this URL was issued under is no longer valid.", "file of " + SCHEMA + "." + name);
    }
    ResearchProject project = project(ctx);
    if (!tables(project).contains(name)) {
      throw new Refusal(403, "PERMISSION_DENIED", "This token may no longer read the table.", SCHEMA + "." + name);
    }
    long version = TableFiles.latestVersion(engine, location(name)).orElse(-1L);
    java.util.Set<String> current = snapshotFiles.computeIfAbsent(name + "@" + version, key -> {
      java.util.Set<String> paths = new java.util.HashSet<>();
      listing(name, Optional.of(version)).files().forEach(f -> paths.add(f.path()));
      return paths;
    });
    if (!current.contains(path)) {
      throw new Refusal(404, "RESOURCE_DOES_NOT_EXIST", "The file is not part of the table's current version; query the table again.",
          "file of " + SCHEMA + "." + name);
    }
    Path file = Path.of(location(name)).resolve(path).normalize();
    if (!file.startsWith(Path.of(location(name)))) {
      throw new Refusal(403, "PERMISSION_DENIED", "The file URL is not valid.", "file of " + SCHEMA + "." + name);
    }
    long size = Files.size(file);
    long start = 0;
    long end = size - 1;
    String range = ctx.header("Range");
    boolean partial = false;
    if (range != null) {
      Matcher m = RANGE.matcher(range.strip());
      if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
        if (m.group(1).isEmpty()) {
          start = Math.max(0, size - Long.parseLong(m.group(2)));
        } else {
          start = Long.parseLong(m.group(1));
          end = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
        }
        if (start > end || start >= size) {
          ctx.header("Content-Range", "bytes */" + size);
          throw new Refusal(416, "INVALID_PARAMETER_VALUE", "The range is outside the file.", "file of " + SCHEMA + "." + name);
        }
        partial = true;
      }
    }
    long length = end - start + 1;
    // Served byte for byte: a compressed body would not match its Content-Length or Content-Range
    // (clients read Parquet files by range), and Parquet is compressed already.
    ctx.disableCompression();
    record(ctx, "file of " + SCHEMA + "." + name + "@" + version, AuditEntry.ALLOWED, 0);
    ctx.status(partial ? 206 : 200).contentType("application/octet-stream").header("Accept-Ranges", "bytes")
        .header("Content-Length", Long.toString(length)).header("Cache-Control", "no-store");
    if (partial) {
      ctx.header("Content-Range", "bytes " + start + "-" + end + "/" + size);
    }
    if (ctx.method() == HandlerType.HEAD) {
      return;
    }
    byte[] bytes = new byte[(int) length];
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      in.seek(start);
      in.readFully(bytes);
    }
    ctx.result(bytes);
  }

  // ---- responses and audit ------------------------------------------------------------------------

  private static void json(Context ctx, JsonNode body) {
    ctx.contentType("application/json; charset=utf-8").result(body.toString());
  }

  private static void ndjson(Context ctx, long version, List<String> lines) {
    ctx.header("delta-table-version", Long.toString(version));
    ctx.header("delta-sharing-capabilities", "responseformat=parquet");
    ctx.contentType("application/x-ndjson; charset=utf-8").result(String.join("\n", lines) + "\n");
  }

  private static void error(Context ctx, int status, String code, String message) {
    ObjectNode body = JSON.createObjectNode().put("errorCode", code).put("message", message);
    ctx.status(status).contentType("application/json; charset=utf-8").result(body.toString());
  }

  private void record(Context ctx, String target, String outcome, long rows) {
    ProjectTokens.Entry token = ctx.attribute(TOKEN_ATTRIBUTE);
    ResearchProject project = token == null ? null : policy.projects().get(token.project());
    audit.record(new AuditEntry(token == null ? "anonymous" : token.id(), token == null ? "none" : ROLE, token == null ? null : token.project(), project == null ? "none" : project.purpose(), action(ctx), target, outcome, rows, false), clock.instant());
  }

  private static String action(Context ctx) {
    String route;
    try {
      route = ctx.endpointHandlerPath();
    } catch (IllegalStateException e) {
      route = null;
    }
    return "share " + ctx.method().name() + " " + (route == null || route.isEmpty() ? "unmatched" : route);
  }

  private static String uuid(String name) {
    return UUID.nameUUIDFromBytes(("carelake-sharing:" + name).getBytes(StandardCharsets.UTF_8)).toString();
  }
}
