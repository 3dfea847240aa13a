package org.carelake.dictionary;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One page of the dictionary as content, before it is written as HTML or Markdown, so both
 * formats say the same thing and link the same way.
 *
 * @param path where the page lives in the site, without extension: {@code index}, {@code tables/silver.person}
 */
record Page(String path, String title, List<Block> blocks) {
  Page {
    requireNonNull(path, "path is null");
    requireNonNull(title, "title is null");
    blocks = List.copyOf(blocks);
  }

  /** A part of a page. */
  sealed interface Block permits Heading, Paragraph, Table, Bullets {}

  /** A section heading; {@code anchor} is the id other pages link to. */
  record Heading(String text, String anchor) implements Block {}

  record Paragraph(List<Inline> content) implements Block {
    Paragraph {
      content = List.copyOf(content);
    }
  }

  /** A table; each cell is a run of inline content. */
  record Table(List<String> header, List<List<List<Inline>>> rows) implements Block {
    Table {
      header = List.copyOf(header);
      rows = rows.stream().map(row -> row.stream().map(List::copyOf).toList()).toList();
    }
  }

  record Bullets(List<List<Inline>> items) implements Block {
    Bullets {
      items = items.stream().map(List::copyOf).toList();
    }
  }

  /** Text within a block. */
  sealed interface Inline permits Text, Code, Link {}

  record Text(String text) implements Inline {}

  /** A name, as written in SQL or a file. */
  record Code(String text) implements Inline {}

  /** A link to another page of the site (and a heading on it, when {@code anchor} is not empty). */
  record Link(String page, String anchor, String text) implements Inline {}

  static List<Inline> text(String text) {
    return List.of(new Text(text));
  }

  static List<Inline> code(String text) {
    return List.of(new Code(text));
  }
}
