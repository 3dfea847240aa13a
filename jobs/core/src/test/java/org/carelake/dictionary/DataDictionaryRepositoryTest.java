package org.carelake.dictionary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.carelake.codelist.CodelistLibrary;
import org.carelake.contract.ContractLoader;
import org.carelake.transform.SqlScript;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dictionary of this repository: generated from the real contracts, DDL, SQL, cohort and
 * measure definitions and codelists, every link in every page resolves, every table and feed has its
 * page (gold.measures with every measure), and every silver column says what it means.
 */
class DataDictionaryRepositoryTest {
  private static final Path ROOT = DictionaryFixture.REPOSITORY;
  @TempDir static Path out;
  private static DataDictionaryBuild build;
  private static DataDictionary dictionary;

  @BeforeAll
  static void generate() {
    build = DataDictionaryBuild.write(DictionarySources.of(ROOT), out);
    dictionary = DataDictionary.read(DictionarySources.of(ROOT));
  }

  @Test
  void everyLinkOfEveryHtmlAndMarkdownPageResolves() {
    assertThat(LinkCheck.check(out.resolve("html"))).isEmpty();
    assertThat(LinkCheck.check(out.resolve("markdown"))).isEmpty();
    assertThat(build.links()).isGreaterThan(500);
  }

  @Test
  void everyGoldFileAndCohortDefinitionHasAPageInBothFormats() throws IOException {
    List<String> pages = new ArrayList<>();
    for (Path file : files(ROOT.resolve("sql/gold"), ".sql")) {
      pages.add("tables/" + SqlScript.load(file).require("table"));
    }
    for (Path file : files(ROOT.resolve("sql/cohorts"), ".yaml")) {
      String name = file.getFileName().toString().replace(".yaml", "");
      pages.add("tables/gold." + name);
      pages.add("tables/gold." + name + "_attrition");
    }
    assertThat(pages).hasSizeGreaterThan(10);
    assertPages(pages);
  }

  @Test
  void goldMeasuresHasAPageListingEveryMeasureDefinition() throws IOException {
    List<Path> definitions = files(ROOT.resolve("sql/measures"), ".yaml");
    assertThat(definitions).isNotEmpty();
    assertPages(List.of("tables/gold.measures"));
    String html = Files.readString(out.resolve("html/tables/gold.measures.html"));
    String markdown = Files.readString(out.resolve("markdown/tables/gold.measures.md"));
    TableDoc measures = dictionary.table("gold.measures").orElseThrow();
    for (Path file : definitions) {
      String id = file.getFileName().toString().replace(".yaml", "");
      assertThat(measures.details()).as(id).containsKey("measure " + id);
      assertThat(html).as(id).contains("Measure " + id);
      assertThat(markdown).as(id).contains(MarkdownSite.escape("Measure " + id));
    }
  }

  @Test
  void everyDdlTableEveryFeedAndEveryCodelistHasAPage() throws IOException {
    List<String> pages = new ArrayList<>();
    for (String zone : List.of("silver", "restricted", "ops")) {
      for (Path file : files(ROOT.resolve("sql/ddl/" + zone), ".sql")) {
        pages.add("tables/" + zone + "." + file.getFileName().toString().replace(".sql", ""));
      }
    }
    ContractLoader.loadAll(ROOT.resolve("data-contracts")).forEach(contract -> pages.add("feeds/" + contract.id()));
    CodelistLibrary.open(ROOT.resolve("codelists")).manifest().entries()
        .forEach(entry -> pages.add(DictionaryPages.codelistPage(entry.reference())));
    assertThat(pages).hasSizeGreaterThan(30);
    assertPages(pages);
  }

  @Test
  void everyColumnOfEverySilverTableHasAMeaning() {
    List<String> missing = new ArrayList<>();
    for (TableDoc table : dictionary.tables()) {
      if (table.zone().equals("silver")) {
        table.columns().stream().filter(column -> !column.documented())
            .forEach(column -> missing.add(table.definedIn() + ": " + column.name()));
      }
    }
    assertThat(missing).as("silver columns without a COMMENT (add one to the DDL: it is the documentation)").isEmpty();
    assertThat(dictionary.tables().stream().filter(table -> table.zone().equals("silver"))).hasSizeGreaterThanOrEqualTo(10);
  }

  @Test
  void everySilverTableNamesTheFeedsThatFillIt() {
    dictionary.tables().stream().filter(table -> table.zone().equals("silver"))
        .forEach(table -> assertThat(table.feeds()).as(table.name()).isNotEmpty());
    assertThat(dictionary.table("silver.gp_event").orElseThrow().feeds()).containsExactly("gp_emis_events", "gp_tpp_events");
  }

  private static void assertPages(List<String> pages) {
    for (String page : pages) {
      assertThat(out.resolve("html/" + page + ".html")).as(page).isRegularFile();
      assertThat(out.resolve("markdown/" + page + ".md")).as(page).isRegularFile();
    }
  }

  private static List<Path> files(Path dir, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(file -> file.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }
}
