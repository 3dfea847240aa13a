package org.carelake.dictionary;

import java.util.List;
import org.carelake.dictionary.Page.Block;
import org.carelake.dictionary.Page.Bullets;
import org.carelake.dictionary.Page.Code;
import org.carelake.dictionary.Page.Heading;
import org.carelake.dictionary.Page.Inline;
import org.carelake.dictionary.Page.Link;
import org.carelake.dictionary.Page.Paragraph;
import org.carelake.dictionary.Page.Table;
import org.carelake.dictionary.Page.Text;
import org.carelake.web.HtmlText;

/**
 * The dictionary as a static HTML site: plain, accessible pages (a language, a title, one {@code
 * h1}, tables with header cells and a caption-like heading, a skip link) with a small inline
 * stylesheet, no script and nothing fetched from elsewhere. Every piece of text is escaped.
 */
final class HtmlSite extends SiteFormat {
  private static final String STYLE = "body{font-family:system-ui,sans-serif;line-height:1.45;margin:0 auto;max-width:75rem;"
      + "padding:1rem 1.5rem;color:#1b1b1b}a{color:#004b87}a:focus{outline:3px solid #ffbf47}table{border-collapse:collapse;"
      + "margin:.5rem 0 1.5rem;width:100%}th,td{border:1px solid #b1b4b6;padding:.3rem .5rem;text-align:left;vertical-align:top}"
      + "th{background:#f3f2f1}code{font-family:ui-monospace,monospace;background:#f3f2f1;padding:0 .2rem}nav{margin-bottom:1rem}"
      + ".skip{position:absolute;left:-999px}.skip:focus{left:1rem}";

  @Override
  String extension() {
    return ".html";
  }

  @Override
  String render(Page page) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(escape(page.title()))
        .append(page.path().equals(DictionaryPages.INDEX) ? "" : " - CareLake data dictionary").append("</title>\n")
        .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n")
        .append("<a class=\"skip\" href=\"#main\">Skip to content</a>\n");
    if (!page.path().equals(DictionaryPages.INDEX)) {
      html.append("<nav aria-label=\"Breadcrumb\"><a href=\"").append(escape(href(page, new Link(DictionaryPages.INDEX, "", ""))))
          .append("\">CareLake data dictionary</a></nav>\n");
    }
    html.append("<main id=\"main\">\n<h1>").append(escape(page.title())).append("</h1>\n");
    for (Block block : page.blocks()) {
      block(html, page, block);
    }
    html.append("</main>\n</body>\n</html>\n");
    return html.toString();
  }

  private void block(StringBuilder html, Page page, Block block) {
    if (block instanceof Heading heading) {
      html.append("<h2 id=\"").append(escape(heading.anchor())).append("\">").append(escape(heading.text())).append("</h2>\n");
    } else if (block instanceof Paragraph paragraph) {
      html.append("<p>").append(inline(page, paragraph.content())).append("</p>\n");
    } else if (block instanceof Bullets bullets) {
      html.append("<ul>\n");
      bullets.items().forEach(item -> html.append("<li>").append(inline(page, item)).append("</li>\n"));
      html.append("</ul>\n");
    } else if (block instanceof Table table) {
      boolean keyValue = table.header().stream().allMatch(String::isEmpty);
      html.append("<table>\n");
      if (!keyValue) {
        html.append("<thead><tr>");
        table.header().forEach(cell -> html.append("<th scope=\"col\">").append(escape(cell)).append("</th>"));
        html.append("</tr></thead>\n");
      }
      html.append("<tbody>\n");
      for (List<List<Inline>> row : table.rows()) {
        html.append("<tr>");
        for (int i = 0; i < row.size(); i++) {
          String cell = inline(page, row.get(i));
          // The first cell of a row names it: a row header for screen readers.
          html.append(i == 0 ? "<th scope=\"row\">" : "<td>").append(cell).append(i == 0 ? "</th>" : "</td>");
        }
        html.append("</tr>\n");
      }
      html.append("</tbody>\n</table>\n");
    }
  }

  private String inline(Page page, List<Inline> content) {
    StringBuilder html = new StringBuilder();
    for (Inline inline : content) {
      if (inline instanceof Text text) {
        html.append(escape(text.text()));
      } else if (inline instanceof Code code) {
        html.append("<code>").append(escape(code.text())).append("</code>");
      } else if (inline instanceof Link link) {
        html.append("<a href=\"").append(escape(href(page, link))).append("\">").append(escape(link.text())).append("</a>");
      }
    }
    return html.toString();
  }

  static String escape(String text) {
    return HtmlText.escape(text);
  }
}
