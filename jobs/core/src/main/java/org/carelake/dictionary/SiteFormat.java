package org.carelake.dictionary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** How pages become files of one format (HTML or Markdown); links between pages are relative. */
abstract class SiteFormat {
  /** The file extension, with its dot. */
  abstract String extension();

  abstract String render(Page page);

  /** Writes every page under {@code dir}; returns how many files were written. */
  int write(List<Page> pages, Path dir) {
    for (Page page : pages) {
      Path file = dir.resolve(page.path() + extension());
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(file, render(page), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file, e);
      }
    }
    return pages.size();
  }

  /** The relative address of a link's target from the page holding it. */
  String href(Page from, Page.Link link) {
    int depth = from.path().split("/").length - 1;
    String target = "../".repeat(depth) + link.page() + extension();
    return link.anchor().isEmpty() ? target : target + "#" + link.anchor();
  }
}
