package org.carelake.dictionary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks every link of a generated site (HTML and Markdown pages under one folder): a relative link
 * must name a file that exists inside the folder and, with {@code #anchor}, an element with that id
 * on it; a link out of the site (an address with a scheme, or {@code //host}) is refused, since the
 * dictionary must work offline.
 */
public final class LinkCheck {
  private static final Pattern HTML_LINK = Pattern.compile("(?:href|src)=\"([^\"]*)\"");
  private static final Pattern HTML_ID = Pattern.compile("\\sid=\"([^\"]*)\"");
  private static final Pattern MARKDOWN_LINK = Pattern.compile("(?<!\\\\)\\]\\(([^)\\s]*)\\)");
  private static final Pattern MARKDOWN_ID = Pattern.compile("<a id=\"([^\"]*)\"></a>");
  private static final Pattern EXTERNAL = Pattern.compile("^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//).*");

  private final Path site;
  private final Map<Path, Set<String>> ids = new HashMap<>();

  private LinkCheck(Path site) {
    this.site = site.toAbsolutePath().normalize();
  }

  /** One line per broken link ({@code page: link: why}); empty when every link resolves. */
  public static List<String> check(Path site) {
    return new LinkCheck(site).run();
  }

  /** How many links the pages under a folder hold, for the summary. */
  public static int countLinks(Path site) {
    int count = 0;
    for (Path page : pages(site)) {
      Matcher links = pattern(page).matcher(read(page));
      while (links.find()) {
        count++;
      }
    }
    return count;
  }

  private List<String> run() {
    List<String> problems = new ArrayList<>();
    for (Path page : pages(site)) {
      Matcher links = pattern(page).matcher(read(page));
      while (links.find()) {
        String link = links.group(1).replace("&amp;", "&");
        String problem = problem(page, link);
        if (problem != null) {
          problems.add(site.relativize(page) + ": " + link + ": " + problem);
        }
      }
    }
    return problems;
  }

  private String problem(Path page, String link) {
    if (link.isEmpty()) {
      return "empty link";
    }
    if (EXTERNAL.matcher(link).matches()) {
      return "leads out of the site; the dictionary links only its own pages";
    }
    int hash = link.indexOf('#');
    String path = hash < 0 ? link : link.substring(0, hash);
    String anchor = hash < 0 ? "" : link.substring(hash + 1);
    Path target = path.isEmpty() ? page : page.getParent().resolve(URLDecoder.decode(path, StandardCharsets.UTF_8)).normalize();
    if (!target.startsWith(site)) {
      return "leads outside the site folder";
    }
    if (!Files.isRegularFile(target)) {
      return "no such page";
    }
    if (!anchor.isEmpty() && !idsOf(target).contains(anchor)) {
      return "no anchor '" + anchor + "' on " + site.relativize(target);
    }
    return null;
  }

  private Set<String> idsOf(Path page) {
    return ids.computeIfAbsent(page, file -> {
      Set<String> found = new HashSet<>();
      Matcher matcher = (file.toString().endsWith(".md") ? MARKDOWN_ID : HTML_ID).matcher(read(file));
      while (matcher.find()) {
        found.add(matcher.group(1));
      }
      return found;
    });
  }

  private static Pattern pattern(Path page) {
    return page.toString().endsWith(".md") ? MARKDOWN_LINK : HTML_LINK;
  }

  private static List<Path> pages(Path site) {
    try (Stream<Path> files = Files.walk(site)) {
      return files.filter(file -> file.toString().endsWith(".html") || file.toString().endsWith(".md")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + site, e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
