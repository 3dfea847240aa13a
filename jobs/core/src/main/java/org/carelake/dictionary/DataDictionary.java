package org.carelake.dictionary;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.carelake.codelist.Codelist;
import org.carelake.codelist.CodelistEntry;
import org.carelake.codelist.CodelistLibrary;
import org.carelake.contract.Contract;
import org.carelake.csv.CsvRecordReader;
import org.carelake.error.CareLakeErrors;
import org.carelake.transform.SqlScript;

/**
 * The data dictionary: every table the definitions declare (silver and gold, published; restricted
 * and ops, listed as not published), every source feed and every codelist a table uses or the
 * library holds. Read from the repository's text files only: no lake, no Spark.
 */
public record DataDictionary(List<TableDoc> tables, List<FeedDoc> feeds, List<CodelistDoc> codelists) {
  /** The kinds of definition read, in the order their tables are listed. A new kind is one more entry. */
  public static final List<TableSource> KINDS =
      List.of(new DdlTables("silver"), new GoldTables(), new MeasureTables(), new CohortTables(), new DdlTables("restricted"),
          new DdlTables("ops"));

  public DataDictionary {
    tables = List.copyOf(tables);
    feeds = List.copyOf(feeds);
    codelists = List.copyOf(codelists);
    Set<String> names = new HashSet<>();
    for (TableDoc table : tables) {
      if (!names.add(table.name())) {
        throw CareLakeErrors.configuration("two definitions declare the table " + table.name() + " (one is in " + table.definedIn() + ")");
      }
    }
  }

  public static DataDictionary read(DictionarySources sources) {
    return read(sources, KINDS);
  }

  public static DataDictionary read(DictionarySources sources, List<TableSource> kinds) {
    requireNonNull(sources, "sources is null");
    List<TableDoc> tables = new ArrayList<>();
    kinds.forEach(kind -> tables.addAll(kind.tables(sources)));
    return new DataDictionary(tables, feeds(sources), codelists(sources, tables));
  }

  public Optional<TableDoc> table(String name) {
    return tables.stream().filter(table -> table.name().equals(name)).findFirst();
  }

  public Optional<FeedDoc> feed(String id) {
    return feeds.stream().filter(feed -> feed.id().equals(id)).findFirst();
  }

  public Optional<CodelistDoc> codelist(String reference) {
    return codelists.stream().filter(list -> list.reference().equals(reference)).findFirst();
  }

  /** The tables that use a codelist. */
  public List<TableDoc> usersOf(String reference) {
    return tables.stream().filter(table -> table.codelists().contains(reference)).toList();
  }

  /** The tables that read a table. */
  public List<TableDoc> readersOf(String name) {
    return tables.stream().filter(table -> table.inputs().contains(name)).toList();
  }

  /** Columns of published tables nobody has described, as {@code table.column}. */
  public List<String> undocumentedColumns() {
    List<String> gaps = new ArrayList<>();
    for (TableDoc table : tables) {
      if (table.published()) {
        table.columns().stream().filter(column -> !column.documented()).forEach(column -> gaps.add(table.name() + "." + column.name()));
      }
    }
    return gaps;
  }

  private static List<FeedDoc> feeds(DictionarySources sources) {
    Map<String, SqlScript> mappings = new LinkedHashMap<>();
    for (Path file : sources.sqlFiles("silver")) {
      SqlScript mapping = SqlScript.load(file);
      mappings.put(mapping.require("feed"), mapping);
    }
    List<FeedDoc> feeds = new ArrayList<>();
    for (Contract contract : sources.loadContracts()) {
      SqlScript mapping = mappings.get(contract.id());
      String target = mapping != null ? mapping.require("target")
          : contract.reachesSilver() ? "silver." + contract.silverTarget() : "";
      feeds.add(new FeedDoc(contract, sources.shown(Path.of(contract.origin())), target,
          mapping == null ? "" : sources.shown(Path.of(mapping.origin())), mapping == null ? "" : mapping.get("purpose").orElse("")));
    }
    feeds.sort(Comparator.comparing(FeedDoc::id));
    return feeds;
  }

  /** Every list of the library, then the older lists tables name that are not in it. */
  private static List<CodelistDoc> codelists(DictionarySources sources, List<TableDoc> tables) {
    List<CodelistDoc> lists = new ArrayList<>();
    if (Files.isDirectory(sources.codelists())) {
      CodelistLibrary library = sources.codelistLibrary();
      for (CodelistEntry entry : library.manifest().entries()) {
        Codelist list = library.load(entry);
        lists.add(new CodelistDoc(entry.reference(), entry.system().displayName(), entry.description(), entry.rationale(), entry.source(),
            "SHA-256 " + entry.sha256() + " (checked)", sources.shown(library.file(entry)), list.codes()));
      }
    }
    Set<String> known = new HashSet<>(lists.stream().map(CodelistDoc::reference).toList());
    tables.stream().flatMap(table -> table.codelists().stream()).distinct().sorted().filter(known::add)
        .forEach(reference -> lists.add(olderList(sources, reference)));
    return lists;
  }

  /** An older list, {@code <system>/<name>@<version>} at {@code sql/codelists/<system>/<name>.v<version>.csv}. */
  private static CodelistDoc olderList(DictionarySources sources, String reference) {
    String[] parts = reference.split("@");
    if (parts.length != 2 || !parts[0].contains("/")) {
      throw CareLakeErrors.configuration("codelist " + reference + " is neither in " + sources.codelists().resolve("manifest.yaml")
          + " nor an older list named <system>/<name>@<version>");
    }
    Path file = sources.sql().resolve("codelists").resolve(parts[0] + ".v" + parts[1] + ".csv");
    List<Codelist.Code> codes = new ArrayList<>();
    try (CsvRecordReader reader = new CsvRecordReader(new StringReader(Files.readString(file, StandardCharsets.UTF_8)), ',')) {
      reader.next();
      String[] row;
      while ((row = reader.next()) != null) {
        if (row.length >= 2 && !row[0].isBlank()) {
          codes.add(new Codelist.Code(row[0].strip(), row[1].strip()));
        }
      }
    } catch (IOException e) {
      throw CareLakeErrors.missingInput("codelist " + reference, file);
    }
    String system = parts[0].substring(0, parts[0].indexOf('/'));
    return new CodelistDoc(reference, system, "An older list under sql/codelists/, kept for the gold files that still name it; it has no"
        + " manifest entry, rationale or checksum (new definitions use the library in codelists/).", "", "", "", sources.shown(file), codes);
  }
}
