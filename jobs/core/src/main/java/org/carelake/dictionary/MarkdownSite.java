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

/**
 * The dictionary as Markdown (GitHub-flavoured tables), readable in a repository browser. Text is
 * escaped so a term or a meaning can never become markup; a heading other pages link to carries an
 * explicit anchor, so links do not depend on how a renderer names headings.
 */
final class MarkdownSite extends SiteFormat {
  @Override
  String extension() {
    return ".md";
  }

  @Override
  String render(Page page) {
    StringBuilder md = new StringBuilder();
    if (!page.path().equals(DictionaryPages.INDEX)) {
      md.append('[').append("CareLake data dictionary").append("](").append(href(page, new Link(DictionaryPages.INDEX, "", ""))).append(")\n\n");
    }
    md.append("# ").append(escape(page.title())).append("\n\n");
    for (Block block : page.blocks()) {
      if (block instanceof Heading heading) {
        md.append("<a id=\"").append(heading.anchor()).append("\"></a>\n\n## ").append(escape(heading.text())).append("\n\n");
      } else if (block instanceof Paragraph paragraph) {
        md.append(inline(page, paragraph.content())).append("\n\n");
      } else if (block instanceof Bullets bullets) {
        bullets.items().forEach(item -> md.append("- ").append(inline(page, item)).append('\n'));
        md.append('\n');
      } else if (block instanceof Table table) {
        md.append('|');
        table.header().forEach(cell -> md.append(' ').append(cell.isEmpty() ? " " : escape(cell)).append(" |"));
        md.append("\n|");
        table.header().forEach(cell -> md.append(" --- |"));
        md.append('\n');
        for (List<List<Inline>> row : table.rows()) {
          md.append('|');
          row.forEach(cell -> md.append(' ').append(inline(page, cell)).append(" |"));
          md.append('\n');
        }
        md.append('\n');
      }
    }
    return md.toString();
  }

  private String inline(Page page, List<Inline> content) {
    StringBuilder md = new StringBuilder();
    for (Inline inline : content) {
      if (inline instanceof Text text) {
        md.append(escape(text.text()));
      } else if (inline instanceof Code code) {
        md.append(code(code.text()));
      } else if (inline instanceof Link link) {
        md.append('[').append(escape(link.text())).append("](").append(href(page, link).replace(" ", "%20")).append(')');
      }
    }
    return md.toString();
  }

  /** Text that stays text: Markdown's punctuation, HTML's angle brackets and table pipes escaped, on one line. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.replaceAll("\\s+", " ").toCharArray()) {
      switch (c) {
        case '\\', '`', '*', '_', '[', ']', '#', '|', '!' -> out.append('\\').append(c);
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A code span that holds any text: fenced with more backticks than it contains, pipes escaped for tables. */
  static String code(String text) {
    String flat = text.replaceAll("\\s+", " ").replace("|", "\\|");
    int longest = 0;
    int run = 0;
    for (char c : flat.toCharArray()) {
      run = c == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(longest + 1);
    String padding = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
    return fence + padding + flat + padding + fence;
  }
}
