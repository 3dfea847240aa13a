package org.carelake.dictionary;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.carelake.error.CareLakeErrors;

/**
 * Writes the dictionary as {@code <out>/html} and {@code <out>/markdown} and checks every link. The
 * {@code carelake dictionary} command and the Maven build ({@link #main}) both come here.
 *
 * @param pages how many pages each format has
 * @param links how many links the two formats hold together, all checked
 */
public record DataDictionaryBuild(Path html, Path markdown, int pages, int links, List<String> undocumentedColumns) {
  public DataDictionaryBuild {
    requireNonNull(html, "html is null");
    requireNonNull(markdown, "markdown is null");
    undocumentedColumns = List.copyOf(undocumentedColumns);
  }

  /**
   * Reads the definitions, writes both formats (replacing what the folders held) and fails with
   * every broken link when one does not resolve.
   */
  public static DataDictionaryBuild write(DictionarySources sources, Path out) {
    DataDictionary dictionary = DataDictionary.read(sources);
    List<Page> pages = DictionaryPages.of(dictionary);
    Path html = out.resolve("html");
    Path markdown = out.resolve("markdown");
    clear(html);
    clear(markdown);
    new HtmlSite().write(pages, html);
    new MarkdownSite().write(pages, markdown);
    List<String> broken = Stream.concat(LinkCheck.check(html).stream().map(p -> "html/" + p), LinkCheck.check(markdown).stream()
        .map(p -> "markdown/" + p)).toList();
    if (!broken.isEmpty()) {
      throw CareLakeErrors.internal("the data dictionary has " + broken.size() + " broken link(s): " + String.join("; ", broken), null);
    }
    return new DataDictionaryBuild(html, markdown, pages.size(), LinkCheck.countLinks(html) + LinkCheck.countLinks(markdown),
        dictionary.undocumentedColumns());
  }

  /** For the build: {@code DataDictionaryBuild <repository root> <output folder>}. */
  public static void main(String[] args) {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: DataDictionaryBuild <repository root> <output folder>");
    }
    long start = System.nanoTime();
    DataDictionaryBuild build = write(DictionarySources.of(Path.of(args[0])), Path.of(args[1]));
    System.out.println("data dictionary: " + build.pages() + " pages in " + build.html() + " and " + build.markdown() + ", "
        + build.links() + " links checked, " + (System.nanoTime() - start) / 1_000_000 + " ms");
  }

  /**
   * Removes the pages of an earlier run (and folders left empty), so a table removed from the
   * definitions loses its page; other files are left alone.
   */
  private static void clear(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        String name = file.getFileName().toString();
        if (Files.isRegularFile(file) && (name.endsWith(".html") || name.endsWith(".md"))) {
          Files.delete(file);
        } else if (Files.isDirectory(file)) {
          try (Stream<Path> left = Files.list(file)) {
            if (left.findAny().isEmpty()) {
              Files.delete(file);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + dir, e);
    }
  }
}
