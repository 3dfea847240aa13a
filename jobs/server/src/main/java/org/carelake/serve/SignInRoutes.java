package org.carelake.serve;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.Optional;
import org.carelake.audit.AuditEntry;
import org.carelake.serve.audit.AuditTrail;
import org.carelake.serve.signin.ClientAddress;
import org.carelake.serve.signin.Sessions;
import org.carelake.serve.signin.SignInLimiter;
import org.carelake.serve.signin.User;
import org.carelake.serve.signin.UserFile;
import org.carelake.serve.web.HtmlPages;

/**
 * Signing in and out, and the form token every POST must carry: the sign-in form (its token also in
 * a cookie only /sign-in receives), the password check behind the failed sign-in limit, the session
 * cookie, and sign-out. Each attempt is audited, allowed or refused.
 */
final class SignInRoutes {
  /** The sign-in form's token, also in this cookie (scoped to /sign-in): before a session there is nothing else to bind it to. */
  static final String SIGN_IN_COOKIE = "carelake_sign_in";

  private final ServerSettings settings;
  private final Clock clock;
  private final UserFile users;
  private final Sessions sessions;
  private final SignInLimiter signInLimiter;
  private final AuditTrail audit;

  SignInRoutes(ServerSettings settings, Clock clock, UserFile users, Sessions sessions, SignInLimiter signInLimiter, AuditTrail audit) {
    this.settings = requireNonNull(settings, "settings is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.users = requireNonNull(users, "users is null");
    this.sessions = requireNonNull(sessions, "sessions is null");
    this.signInLimiter = requireNonNull(signInLimiter, "signInLimiter is null");
    this.audit = requireNonNull(audit, "audit is null");
  }

  /** A POST whose form token is not the page's is refused before its handler runs (the browser sends cookies for any site's form). */
  static final class FormRefused extends RuntimeException {
    FormRefused() {
      super("form token missing or wrong", null, false, false);
    }
  }

  void checkFormToken(Context ctx) {
    String given = ctx.formParam(HtmlPages.FORM_TOKEN);
    boolean valid;
    if (ctx.path().equals("/sign-in")) {
      String expected = ctx.cookie(SIGN_IN_COOKIE);
      valid = expected != null && !expected.isEmpty() && Sessions.sameToken(expected, given);
    } else {
      // Without a live session a POST can change nothing (signing out of no session only clears the cookie).
      valid = user(ctx).isEmpty() || sessions.formTokenMatches(ctx.cookie(DashboardServer.SESSION_COOKIE), given);
    }
    if (!valid) {
      Optional<User> user = user(ctx);
      // Before the handler Javalin has no route to name, so the action names the two forms (and nothing else a request sends).
      String route = ctx.path().equals("/sign-in") || ctx.path().equals("/sign-out") ? ctx.path() : "unmatched";
      record(user.orElse(null), "serve POST " + route, "form token", AuditEntry.REFUSED, 0);
      throw new FormRefused();
    }
  }

  /** The sign-in form with a new form token, also set in a cookie that only /sign-in receives. */
  void form(Context ctx, HttpStatus status, String message) {
    String token = Sessions.randomToken();
    ctx.header("Set-Cookie", SIGN_IN_COOKIE + "=" + token + "; Path=/sign-in; HttpOnly; SameSite=Strict" + (settings.secureCookies() ? "; Secure" : ""));
    ctx.status(status).html(HtmlPages.signIn(message, token));
  }

  void signIn(Context ctx) {
    String name = Optional.ofNullable(ctx.formParam("name")).orElse("").strip();
    String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
    String actor = name.matches("[a-z0-9][a-z0-9._-]{0,63}") ? name : "unknown";
    String address = ClientAddress.of(ctx.ip(), ctx.header("X-Forwarded-For"), settings.trustedProxies());
    Optional<java.time.Duration> locked = signInLimiter.lockedFor(name, address);
    if (locked.isPresent()) {
      // Refused without checking the password, so a lock also spares the server the hashing.
      audit.record(new AuditEntry(actor, "none", null, "sign-in", "sign-in", "sign-in limit", AuditEntry.REFUSED, 0, false), clock.instant());
      long minutes = Math.max(1, (locked.get().toSeconds() + 59) / 60);
      ctx.header("Retry-After", Long.toString(locked.get().toSeconds() + 1));
      form(ctx, HttpStatus.TOO_MANY_REQUESTS, "Too many failed sign-ins for this user name or from this address. Try again in "
          + minutes + (minutes == 1 ? " minute." : " minutes."));
      return;
    }
    Optional<User> user = users.check(name, password.toCharArray());
    if (user.isEmpty()) {
      signInLimiter.failed(name, address);
      audit.record(new AuditEntry(actor, "none", null, "sign-in", "sign-in", "dashboard", AuditEntry.REFUSED, 0, false), clock.instant());
      form(ctx, HttpStatus.UNAUTHORIZED, "The user name or password is not right.");
      return;
    }
    signInLimiter.succeeded(name);
    String token = sessions.start(user.get());
    record(user.get(), "sign-in", "dashboard", AuditEntry.ALLOWED, 0);
    ctx.header("Set-Cookie", DashboardServer.SESSION_COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" + (settings.secureCookies() ? "; Secure" : ""));
    ctx.redirect("/overview", HttpStatus.SEE_OTHER);
  }

  void signOut(Context ctx) {
    Optional<User> user = user(ctx);
    sessions.end(ctx.cookie(DashboardServer.SESSION_COOKIE));
    user.ifPresent(u -> record(u, "sign-out", "dashboard", AuditEntry.ALLOWED, 0));
    ctx.header("Set-Cookie", DashboardServer.SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"
        + (settings.secureCookies() ? "; Secure" : ""));
    ctx.redirect("/sign-in", HttpStatus.SEE_OTHER);
  }

  private Optional<User> user(Context ctx) {
    return sessions.find(ctx.cookie(DashboardServer.SESSION_COOKIE));
  }

  private void record(User user, String action, String target, String outcome, long rows) {
    audit.record(new AuditEntry(user == null ? "anonymous" : user.name(), user == null ? "none" : user.role(), null, user == null ? "none" : user.purpose(), action, target, outcome, rows, false), clock.instant());
  }
}
