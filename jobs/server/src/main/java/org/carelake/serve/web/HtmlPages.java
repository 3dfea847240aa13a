package org.carelake.serve.web;

import static org.carelake.serve.web.Text.html;

import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.carelake.geography.Borough;
import org.carelake.serve.signin.User;
import org.carelake.serve.view.Filters;
import org.carelake.serve.view.Grid;
import org.carelake.serve.view.Page;

/**
 * Server-rendered pages in the NHS.UK service style (plain HTML, one stylesheet, no script needed
 * to read a number): a header with the pages, the filters as a GET form (so a view is a URL that
 * can be bookmarked), the chart with its text alternative, the same numbers as a table, and a CSV
 * link. Every piece of text is escaped.
 */
public final class HtmlPages {
  private HtmlPages() {}

  /** A part of a page shown below its table (its own chart, table and CSV link), e.g. the LSOAs under the long-term conditions. */
  public record Part(Page page, Grid grid) {}

  /** The hidden field that carries a form's token: every form that changes state (sign-in, sign-out) has one. */
  public static final String FORM_TOKEN = "form_token";

  public static String page(Page page, User user, String formToken, List<Page> pages, Filters filters, String query, Grid grid, List<String> measureIds,
      List<Part> parts) {
    StringBuilder body = new StringBuilder();
    body.append("<h1>").append(html(grid.title())).append("</h1>\n");
    body.append(filterForm(page, filters, measureIds));
    body.append(figureAndTable(page, query, grid, ""));
    for (Part part : parts) {
      String id = "-" + part.page().path();
      body.append("<section class=\"part\" aria-labelledby=\"heading").append(id).append("\">\n<h2 id=\"heading").append(id).append("\">")
          .append(html(part.grid().title())).append("</h2>\n").append(figureAndTable(part.page(), query, part.grid(), id)).append("</section>\n");
    }
    return layout(page.title(), user, formToken, pages, page, body.toString());
  }

  /** The chart (with its text alternative), the CSV link, the table and the notes of one grid; {@code id} tells a part's elements apart. */
  private static String figureAndTable(Page page, String query, Grid grid, String id) {
    StringBuilder body = new StringBuilder();
    String csv = "/data/" + page.path() + ".csv" + (query.isEmpty() ? "" : "?" + query);
    if (!"none".equals(grid.chart().kind())) {
      body.append("<figure class=\"chart-figure\">\n")
          .append("<div id=\"chart").append(id).append("\" class=\"chart\" data-chart=\"chart").append(id)
          .append("-data\" role=\"img\" aria-label=\"").append(html(grid.summary())).append("\"></div>\n")
          .append("<figcaption id=\"chart-summary").append(id).append("\">").append(html(grid.summary())).append("</figcaption>\n")
          .append("</figure>\n")
          .append("<script type=\"application/json\" id=\"chart").append(id).append("-data\">").append(Render.chart(grid.chart())).append("</script>\n");
    } else {
      body.append("<p id=\"chart-summary").append(id).append("\">").append(html(grid.summary())).append("</p>\n");
    }
    body.append("<p><a class=\"download\" id=\"download").append(id).append("\" href=\"").append(html(csv))
        .append("\" download>Download this table as CSV</a></p>\n");
    body.append(table(grid, id));
    if (!grid.notes().isEmpty()) {
      body.append("<ul class=\"notes\">\n");
      grid.notes().forEach(n -> body.append("<li>").append(html(n)).append("</li>\n"));
      body.append("</ul>\n");
    }
    return body.toString();
  }

  static String table(Grid grid, String id) {
    StringBuilder out = new StringBuilder();
    out.append("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"table-caption").append(id)
        .append("\">\n<table id=\"data-table").append(id).append("\">\n<caption id=\"table-caption").append(id).append("\">")
        .append(html(grid.title())).append("</caption>\n<thead><tr>");
    grid.headers().forEach(h -> out.append("<th scope=\"col\">").append(html(h)).append("</th>"));
    out.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : grid.rows()) {
      out.append("<tr>");
      for (String cell : row) {
        out.append(cell.startsWith("suppressed") ? "<td class=\"suppressed\">" : "<td>").append(html(cell)).append("</td>");
      }
      out.append("</tr>\n");
    }
    if (grid.rows().isEmpty()) {
      out.append("<tr><td colspan=\"").append(grid.headers().size()).append("\">No published rows for these filters.</td></tr>\n");
    }
    return out.append("</tbody>\n</table>\n</div>\n").toString();
  }

  private static String filterForm(Page page, Filters filters, List<String> measureIds) {
    StringBuilder out = new StringBuilder("<form class=\"filters\" method=\"get\" action=\"/" + page.path() + "\" aria-label=\"Filters\">\n");
    switch (page) {
      case OVERVIEW -> {
        out.append(boroughSelect(filters, true)).append(select("setting", "Care setting", withAll(Filters.SETTINGS), filters.setting().orElse("all"), Filters::settingLabel));
        out.append(month("from", "From", filters.from())).append(month("to", "To", filters.to()));
      }
      case BOROUGH -> out.append(boroughSelect(filters, false)).append(month("month", "Month", filters.month()));
      case PREVALENCE, PREVALENCE_LSOA -> {
        out.append(select("condition", "Condition", Filters.CONDITIONS, filters.condition().orElse(Filters.CONDITIONS.get(0))));
        out.append(boroughSelect(filters, true)).append(month("month", "Month", filters.month()));
      }
      case DEMAND, DEPRIVATION -> {
        out.append(select("setting", "Care setting", Filters.SETTINGS, filters.setting().orElse("emergency-care"), Filters::settingLabel));
        out.append(boroughSelect(filters, true)).append(month("month", "Month", filters.month()));
      }
      case MEASURES -> {
        out.append(select("measure", "Measure", measureIds, filters.measure().orElse(measureIds.isEmpty() ? "" : measureIds.get(0))));
        out.append(boroughSelect(filters, true)).append(month("from", "From", filters.from())).append(month("to", "To", filters.to()));
      }
      case QUALITY -> out.append(boroughSelect(filters, true));
      case FRESHNESS -> {
        return "";
      }
    }
    return out.append("<button type=\"submit\" id=\"apply\">Apply filters</button>\n</form>\n").toString();
  }

  private static List<String> withAll(List<String> values) {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of("all"), values.stream()).toList();
  }

  private static String boroughSelect(Filters filters, boolean allowAll) {
    StringBuilder out = new StringBuilder("<div class=\"field\"><label for=\"borough\">Borough</label><select id=\"borough\" name=\"borough\">");
    String chosen = filters.borough().orElse(allowAll ? "all" : Borough.values()[0].onsCode());
    if (allowAll) {
      out.append(option("all", "All boroughs", chosen));
    }
    for (Borough borough : Borough.values()) {
      out.append(option(borough.onsCode(), borough.displayName(), chosen));
    }
    return out.append("</select></div>\n").toString();
  }

  private static String select(String name, String label, List<String> values, String chosen) {
    return select(name, label, values, chosen, value -> value);
  }

  private static String select(String name, String label, List<String> values, String chosen,
      java.util.function.Function<String, String> optionLabel) {
    StringBuilder out = new StringBuilder("<div class=\"field\"><label for=\"" + name + "\">" + html(label) + "</label><select id=\""
        + name + "\" name=\"" + name + "\">");
    values.forEach(v -> out.append(option(v, optionLabel.apply(v), chosen)));
    return out.append("</select></div>\n").toString();
  }

  private static String option(String value, String label, String chosen) {
    return "<option value=\"" + html(value) + "\"" + (value.equals(chosen) ? " selected" : "") + ">" + html(label) + "</option>";
  }

  private static String month(String name, String label, Optional<YearMonth> value) {
    return "<div class=\"field\"><label for=\"" + name + "\">" + html(label) + " (YYYY-MM)</label><input type=\"month\" id=\"" + name
        + "\" name=\"" + name + "\" pattern=\"\\d{4}-\\d{2}\" placeholder=\"YYYY-MM\" value=\"" + value.map(YearMonth::toString).orElse("")
        + "\"></div>\n";
  }

  public static String layout(String title, User user, String formToken, List<Page> pages, Page current, String body) {
    StringBuilder nav = new StringBuilder();
    if (user != null) {
      nav.append("<nav aria-label=\"Dashboard pages\"><ul>");
      for (Page page : pages) {
        nav.append("<li><a href=\"/").append(page.path()).append("\"").append(page == current ? " aria-current=\"page\"" : "").append(">")
            .append(html(page.title())).append("</a></li>");
      }
      nav.append("</ul></nav>\n");
    }
    String account = user == null ? "" : "<form class=\"account\" method=\"post\" action=\"/sign-out\">" + tokenField(formToken) + "<span>Signed in as "
        + html(user.name()) + " (" + html(user.role()) + ")</span> <button type=\"submit\">Sign out</button></form>";
    return "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>" + html(title) + " - CareLake planning dashboard</title>\n"
        + "<link rel=\"icon\" href=\"data:,\">\n"
        + "<link rel=\"stylesheet\" href=\"/assets/dashboard.css\">\n"
        + "<script src=\"/webjars/echarts/5.3.1/dist/echarts.min.js\" defer></script>\n"
        + "<script src=\"/assets/dashboard.js\" defer></script>\n"
        + "</head>\n<body>\n<a class=\"skip-link\" href=\"#main\">Skip to main content</a>\n"
        + "<header class=\"header\"><div class=\"container\"><a class=\"service\" href=\"/\">CareLake planning dashboard</a>" + account
        + "</div></header>\n<div class=\"container\">" + nav + "<main id=\"main\">\n" + body + "</main></div>\n"
        + "<footer class=\"footer\"><div class=\"container\">Synthetic data. Every number is disclosure-controlled: counts of 1 to 7 read "
        + "\"suppressed\", others are rounded to the nearest 5. Every request is audited.</div></footer>\n</body>\n</html>\n";
  }

  private static String tokenField(String formToken) {
    return "<input type=\"hidden\" name=\"" + FORM_TOKEN + "\" value=\"" + html(formToken == null ? "" : formToken) + "\">";
  }

  public static String signIn(String message, String formToken) {
    String body = "<h1>Sign in</h1>\n"
        + (message == null ? "" : "<div class=\"error-summary\" role=\"alert\"><p>" + html(message) + "</p></div>\n")
        + "<form method=\"post\" action=\"/sign-in\" class=\"sign-in\">\n" + tokenField(formToken) + "\n"
        + "<div class=\"field\"><label for=\"name\">User name</label><input id=\"name\" name=\"name\" autocomplete=\"username\" required></div>\n"
        + "<div class=\"field\"><label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\" "
        + "autocomplete=\"current-password\" required></div>\n"
        + "<button type=\"submit\" id=\"sign-in\">Sign in</button>\n</form>\n";
    return layout("Sign in", null, null, List.of(), null, body);
  }

  public static String error(User user, String formToken, List<Page> pages, int status, String message) {
    return layout("Error " + status, user, formToken, pages, null, "<h1>" + status + "</h1>\n<p id=\"error\">" + html(message) + "</p>\n");
  }
}
