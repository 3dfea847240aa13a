package org.carelake.serve;

import static java.util.Objects.requireNonNull;

import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.carelake.access.AccessDecision;
import org.carelake.access.AccessPolicy;
import org.carelake.access.AccessRequest;
import org.carelake.access.Action;
import org.carelake.audit.AuditEntry;
import org.carelake.serve.audit.AuditTrail;
import org.carelake.serve.lake.DeltaAppend;
import org.carelake.serve.lake.PublishedLake;
import org.carelake.serve.lake.PublishedTable;
import org.carelake.serve.lake.TableSnapshot;
import org.carelake.serve.signin.Sessions;
import org.carelake.serve.signin.SignInLimiter;
import org.carelake.serve.signin.User;
import org.carelake.serve.signin.UserFile;
import org.carelake.serve.view.BadRequest;
import org.carelake.serve.view.Filters;
import org.carelake.serve.view.Grid;
import org.carelake.serve.view.Page;
import org.carelake.serve.view.Views;
import org.carelake.serve.web.HtmlPages;
import org.carelake.serve.web.Render;

/**
 * The commissioners' dashboard: a Javalin server over the published zone. Every request but the
 * static assets is signed in, checked against the access policy (org.carelake.access) for each table
 * it reads, and audited in ops.audit, allowed or refused. Pages, JSON and CSV of a page are built
 * from the same grid, so a download holds exactly what the screen shows.
 */
public final class DashboardServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(DashboardServer.class.getName());
  public static final String SESSION_COOKIE = "carelake_session";
  private static final Pattern TABLE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,127}");
  private static final Map<String, String> ASSETS = Map.of("dashboard.css", "text/css; charset=utf-8", "dashboard.js",
      "text/javascript; charset=utf-8");
  private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private final ServerSettings settings;
  private final Clock clock;
  private final AccessPolicy policy;
  private final UserFile users;
  private final Sessions sessions;
  private final SignInRoutes signIn;
  private final PublishedLake lake;
  private final AuditTrail audit;
  private final Javalin app;
  private static final int MAX_CACHED_GRIDS = 2_000;
  private final java.util.concurrent.ConcurrentHashMap<String, Built> grids = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * A page's grid for one filter and table versions, with its JSON and CSV rendered once on first
   * use: a data request then costs the policy check, the audit record and the copy of the bytes.
   */
  private static final class Built {
    final Grid grid;
    private final java.util.concurrent.ConcurrentHashMap<String, byte[]> rendered = new java.util.concurrent.ConcurrentHashMap<>(2);

    Built(Grid grid) {
      this.grid = grid;
    }

    /** The grid as {@code csv} or {@code json} bytes, rendered on first use. */
    byte[] as(String format) {
      return rendered.computeIfAbsent(format,
          f -> (f.equals("csv") ? Render.csv(grid) : Render.json(grid)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  public DashboardServer(ServerSettings settings, Clock clock) {
    this.settings = requireNonNull(settings, "settings is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.policy = AccessPolicy.load(settings.policy());
    this.users = UserFile.load(settings.users());
    this.sessions = new Sessions(settings.sessionIdle(), clock);
    Engine engine = DefaultEngine.create(new Configuration());
    this.lake = new PublishedLake(settings.lake(), engine, settings.recheck(), clock);
    this.audit = new AuditTrail(new DeltaAppend(engine, "carelake-serve"),
        settings.lake().toAbsolutePath().resolve("ops").resolve("audit").toString(), settings.auditFlush());
    this.signIn = new SignInRoutes(settings, clock, users, sessions, new SignInLimiter(settings.signInLimits(), clock), audit);
    this.app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.staticFiles.enableWebjars();
      config.router.ignoreTrailingSlashes = false;
    });
    routes();
  }

  /** Starts listening; returns the port (useful with port 0). */
  public int start() {
    app.start(settings.host(), settings.port());
    return app.port();
  }

  /**
   * Serves the files of {@code folder} at {@code /static-benchmark/<name>} (names listed now; read
   * from disk on every request, no sign-in, no audit): the static baseline of the serving benchmark.
   * Call before {@link #start}.
   */
  public void serveStaticBaseline(java.nio.file.Path folder) throws IOException {
    java.util.Set<String> names;
    try (var files = java.nio.file.Files.list(folder)) {
      names = files.map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
    app.get("/static-benchmark/{name}", ctx -> {
      String name = ctx.pathParam("name");
      if (!names.contains(name)) {
        ctx.status(HttpStatus.NOT_FOUND);
        return;
      }
      ctx.contentType("application/octet-stream").result(java.nio.file.Files.readAllBytes(folder.resolve(name)));
    });
  }

  /** Reads these tables into memory now, so the first request does not pay for it. */
  public void warm(PublishedTable... tables) {
    for (PublishedTable table : tables) {
      lake.read(table);
    }
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
    app.before(ctx -> {
      ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      ctx.header("X-Content-Type-Options", "nosniff");
      ctx.header("Referrer-Policy", "no-referrer");
      ctx.header("X-Frame-Options", "DENY");
      if (!ctx.path().startsWith("/webjars/") && !ctx.path().startsWith("/assets/")) {
        ctx.header("Cache-Control", "no-store");
      }
      if (ctx.method() == io.javalin.http.HandlerType.POST) {
        signIn.checkFormToken(ctx);
      }
    });
    app.get("/assets/{name}", this::asset);
    app.get("/sign-in", ctx -> signIn.form(ctx, HttpStatus.OK, null));
    app.post("/sign-in", signIn::signIn);
    app.post("/sign-out", signIn::signOut);
    app.get("/", ctx -> ctx.redirect("/overview", HttpStatus.FOUND));
    app.get("/data/{file}", this::data);
    app.get("/tables/{zone}/{table}", this::tableDownload);
    app.get("/{page}", this::page);
    app.exception(SignInRoutes.FormRefused.class, (e, ctx) -> {
      if (ctx.path().equals("/sign-in")) {
        signIn.form(ctx, HttpStatus.FORBIDDEN, "The sign-in form had expired or did not come from this dashboard: please sign in again.");
      } else {
        respond(ctx, user(ctx).orElse(null), HttpStatus.FORBIDDEN, "The form did not come from this dashboard's page: nothing was changed.");
      }
    });
    app.exception(BadRequest.class, (e, ctx) -> {
      Optional<User> user = user(ctx);
      record(user.orElse(null), action(ctx), "filters", AuditEntry.REFUSED, 0);
      respond(ctx, user.orElse(null), HttpStatus.BAD_REQUEST, e.getMessage());
    });
    app.exception(Exception.class, (e, ctx) -> {
      LOG.log(Level.WARNING, "request failed: " + e.getClass().getSimpleName());
      Optional<User> user = user(ctx);
      record(user.orElse(null), action(ctx), "dashboard", AuditEntry.FAILED, 0);
      respond(ctx, user.orElse(null), HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong; the request was recorded.");
    });
    app.error(HttpStatus.NOT_FOUND, ctx -> {
      if (ctx.result() == null || ctx.result().isEmpty()) {
        respond(ctx, user(ctx).orElse(null), HttpStatus.NOT_FOUND, "There is no such page.");
      }
    });
  }

  private void asset(Context ctx) throws IOException {
    String name = ctx.pathParam("name");
    String type = ASSETS.get(name);
    if (type == null) {
      ctx.status(HttpStatus.NOT_FOUND);
      return;
    }
    try (InputStream in = DashboardServer.class.getResourceAsStream("/dashboard/" + name)) {
      if (in == null) {
        throw new UncheckedIOException(new IOException("asset missing from the jar: " + name));
      }
      ctx.contentType(type).header("Cache-Control", "max-age=3600").result(in.readAllBytes());
    }
  }

  private String formToken(Context ctx) {
    return sessions.formToken(ctx.cookie(SESSION_COOKIE)).orElse(null);
  }

  private Optional<User> user(Context ctx) {
    return sessions.find(ctx.cookie(SESSION_COOKIE));
  }

  /** The signed-in user, or empty after answering: a page redirects to sign in, data gets 401. */
  private Optional<User> requireUser(Context ctx, boolean html) {
    Optional<User> user = user(ctx);
    if (user.isEmpty()) {
      audit.record(new AuditEntry("anonymous", "none", null, "none", action(ctx), "dashboard", AuditEntry.REFUSED, 0, false), clock.instant());
      if (html) {
        ctx.redirect("/sign-in", HttpStatus.SEE_OTHER);
      } else {
        ctx.status(HttpStatus.UNAUTHORIZED).contentType("text/plain; charset=utf-8").result("Sign in first.");
      }
    }
    return user;
  }

  private AccessDecision decide(User user, String zone, String table) {
    return policy.decide(new AccessRequest(user.name(), user.role(), Optional.empty(), user.purpose(), Action.READ, zone, table,
        LocalDate.now(clock.withZone(ZoneOffset.UTC))));
  }

  /** The page's grid, or empty after refusing (403, audited) when the role may not read a table the page needs. */
  private Optional<Grid> grid(Context ctx, User user, Page page, boolean html) {
    return built(ctx, user, page, html).map(built -> built.grid);
  }

  private Optional<Built> built(Context ctx, User user, Page page, boolean html) {
    for (PublishedTable table : page.reads()) {
      AccessDecision decision = decide(user, table.zone(), table.table());
      if (!decision.allowed()) {
        record(user, action(ctx), table.qualifiedName(), AuditEntry.REFUSED, 0);
        respond(ctx, user, HttpStatus.FORBIDDEN, "Your role may not read " + table.qualifiedName() + ": " + decision.reason(), html);
        return Optional.empty();
      }
    }
    List<String> targets = new ArrayList<>(page.reads().stream().map(PublishedTable::qualifiedName).toList());
    for (PublishedTable table : page.readsWhenAllowed()) {
      if (decide(user, table.zone(), table.table()).allowed()) {
        targets.add(table.qualifiedName());
      }
    }
    Filters filters = Filters.parse(ctx.queryParamMap());
    // A grid depends only on the page, the filters (validated, in canonical form) and the versions of the tables it read.
    StringBuilder key = new StringBuilder(page.path()).append('|').append(filters);
    for (String target : targets) {
      PublishedTable table = PublishedTable.named(target.substring(0, target.indexOf('.')), target.substring(target.indexOf('.') + 1)).orElseThrow();
      key.append('|').append(target).append('@').append(lake.read(table).version());
    }
    Built built = grids.get(key.toString());
    if (built == null) {
      Views views = new Views(table -> targets.contains(table.qualifiedName()) ? Optional.of(lake.read(table)) : Optional.empty());
      built = new Built(views.build(page, filters));
      if (grids.size() >= MAX_CACHED_GRIDS) {
        grids.clear();
      }
      grids.put(key.toString(), built);
    }
    record(user, action(ctx), String.join(",", targets), AuditEntry.ALLOWED, built.grid.rows().size());
    return Optional.of(built);
  }

  private void page(Context ctx) {
    Optional<Page> page = Page.of(ctx.pathParam("page"));
    if (page.isEmpty()) {
      respond(ctx, user(ctx).orElse(null), HttpStatus.NOT_FOUND, "There is no such page.");
      return;
    }
    Optional<User> user = requireUser(ctx, true);
    if (user.isEmpty()) {
      return;
    }
    Optional<Grid> grid = grid(ctx, user.get(), page.get(), true);
    if (grid.isEmpty()) {
      return;
    }
    List<String> measureIds = page.get() == Page.MEASURES
        ? lake.read(PublishedTable.MEASURES).rows().stream()
            .map(row -> String.valueOf(row[lake.read(PublishedTable.MEASURES).positions().get("measure_id")])).distinct().sorted().toList()
        : List.of();
    // A part the role may not read is left out (the page it belongs to is still shown); one it may read is audited like a page.
    List<HtmlPages.Part> parts = new ArrayList<>();
    for (Page part : page.get().parts()) {
      if (part.reads().stream().allMatch(table -> decide(user.get(), table.zone(), table.table()).allowed())) {
        grid(ctx, user.get(), part, true).ifPresent(partGrid -> parts.add(new HtmlPages.Part(part, partGrid)));
      }
    }
    ctx.html(HtmlPages.page(page.get(), user.get(), formToken(ctx), pagesFor(user.get()), Filters.parse(ctx.queryParamMap()), queryString(ctx), grid.get(),
        measureIds, parts));
  }

  private void data(Context ctx) {
    String file = ctx.pathParam("file");
    int dot = file.lastIndexOf('.');
    Optional<Page> page = dot < 0 ? Optional.empty() : Page.of(file.substring(0, dot));
    String format = dot < 0 ? "" : file.substring(dot + 1);
    if (page.isEmpty() || !(format.equals("json") || format.equals("csv"))) {
      respond(ctx, user(ctx).orElse(null), HttpStatus.NOT_FOUND, "There is no such data.", false);
      return;
    }
    Optional<User> user = requireUser(ctx, false);
    if (user.isEmpty()) {
      return;
    }
    Optional<Built> built = built(ctx, user.get(), page.get(), false);
    if (built.isEmpty()) {
      return;
    }
    if (format.equals("csv")) {
      ctx.contentType("text/csv; charset=utf-8")
          .header("Content-Disposition", "attachment; filename=\"carelake-" + page.get().path() + ".csv\"")
          .result(built.get().as("csv"));
    } else {
      ctx.contentType("application/json").result(built.get().as("json"));
    }
  }

  /**
   * A whole published table as CSV, for a role the policy lets read it. The policy is asked first
   * (so a commissioner asking for a cohort table is refused and audited as such); only tables on the
   * dashboard's list are ever opened.
   */
  private void tableDownload(Context ctx) {
    Optional<User> user = requireUser(ctx, false);
    if (user.isEmpty()) {
      return;
    }
    String zone = ctx.pathParam("zone");
    String name = ctx.pathParam("table");
    name = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    if (!AccessPolicy.ZONES.contains(zone) || !TABLE_NAME.matcher(name).matches()) {
      record(user.get(), action(ctx), "invalid table name", AuditEntry.REFUSED, 0);
      respond(ctx, user.get(), HttpStatus.BAD_REQUEST, "A table is named zone/table in lower-case letters, digits and underscores.", false);
      return;
    }
    AccessDecision decision = decide(user.get(), zone, name);
    if (!decision.allowed()) {
      record(user.get(), action(ctx), zone + "." + name, AuditEntry.REFUSED, 0);
      respond(ctx, user.get(), HttpStatus.FORBIDDEN, "Refused: " + decision.reason(), false);
      return;
    }
    Optional<PublishedTable> table = PublishedTable.named(zone, name);
    if (table.isEmpty()) {
      record(user.get(), action(ctx), zone + "." + name, AuditEntry.REFUSED, 0);
      respond(ctx, user.get(), HttpStatus.NOT_FOUND, "The dashboard does not serve " + zone + "." + name + ".", false);
      return;
    }
    TableSnapshot snapshot = lake.read(table.get());
    List<Integer> shown = java.util.stream.IntStream.range(0, snapshot.columns().size())
        .filter(i -> table.get().shows(snapshot.columns().get(i))).boxed().toList();
    StringBuilder out = new StringBuilder(org.carelake.serve.web.Text.csvLine(shown.stream().map(snapshot.columns()::get).toList()));
    for (Object[] row : snapshot.rows()) {
      List<String> cells = new ArrayList<>(shown.size());
      for (int i : shown) {
        String column = snapshot.columns().get(i);
        Integer status = snapshot.positions().get(column + "_status");
        boolean suppressed = status != null && Views.SUPPRESSED.equals(row[status]);
        cells.add(suppressed ? Views.SUPPRESSED : row[i] == null ? "" : row[i].toString());
      }
      out.append(org.carelake.serve.web.Text.csvLine(cells));
    }
    record(user.get(), action(ctx), table.get().qualifiedName(), AuditEntry.ALLOWED, snapshot.rows().size());
    ctx.contentType("text/csv; charset=utf-8")
        .header("Content-Disposition", "attachment; filename=\"" + table.get().table() + ".csv\"").result(out.toString());
  }

  private static String queryString(Context ctx) {
    String query = ctx.queryString();
    return query == null ? "" : query;
  }

  private static String action(Context ctx) {
    // The route, not the raw path: a request's text never reaches the audit trail unchecked.
    String route;
    try {
      route = ctx.endpointHandlerPath();
    } catch (IllegalStateException e) {
      route = null; // an exception raised before the route was matched: it must not raise another in its handler
    }
    return "serve " + ctx.method().name() + " " + (route == null || route.isEmpty() ? "unmatched" : route);
  }

  private void record(User user, String action, String target, String outcome, long rows) {
    audit.record(new AuditEntry(user == null ? "anonymous" : user.name(), user == null ? "none" : user.role(), null, user == null ? "none" : user.purpose(), action, target, outcome, rows, false), clock.instant());
  }

  /** The pages whose tables the user's role may read: the only ones the navigation offers. */
  private List<Page> pagesFor(User user) {
    if (user == null) {
      return List.of();
    }
    return java.util.Arrays.stream(Page.values()).filter(Page::inNavigation)
        .filter(page -> page.reads().stream().allMatch(table -> decide(user, table.zone(), table.table()).allowed())).toList();
  }

  private void respond(Context ctx, User user, HttpStatus status, String message) {
    respond(ctx, user, status, message, !ctx.path().startsWith("/data/") && !ctx.path().startsWith("/tables/"));
  }

  private void respond(Context ctx, User user, HttpStatus status, String message, boolean html) {
    ctx.status(status);
    if (html) {
      ctx.html(HtmlPages.error(user, formToken(ctx), pagesFor(user), status.getCode(), message));
    } else {
      ctx.contentType("text/plain; charset=utf-8").result(message);
    }
  }
}
