package org.carelake.dictionary;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.carelake.contract.Column;
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
 * The dictionary's pages: an index; one page per table, per source feed and per codelist, linked
 * both ways (a table to its inputs, feeds and codelists; a codelist to the tables using it).
 */
final class DictionaryPages {
  static final String INDEX = "index";
  private final DataDictionary dictionary;

  private DictionaryPages(DataDictionary dictionary) {
    this.dictionary = dictionary;
  }

  static List<Page> of(DataDictionary dictionary) {
    DictionaryPages pages = new DictionaryPages(dictionary);
    List<Page> all = new ArrayList<>();
    all.add(pages.index());
    dictionary.tables().forEach(table -> all.add(pages.table(table)));
    dictionary.feeds().forEach(feed -> all.add(pages.feed(feed)));
    dictionary.codelists().forEach(list -> all.add(pages.codelist(list)));
    return all;
  }

  static String tablePage(TableDoc table) {
    return "tables/" + table.name().replace("__<project>", "");
  }

  static String feedPage(String id) {
    return "feeds/" + id;
  }

  static String codelistPage(String reference) {
    return "codelists/" + reference.replace('/', '-').replace("@", "-v");
  }

  private Page index() {
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Paragraph(Page.text("Every table CareLake declares, with its columns, grain, keys, sources, codelists and disclosure rule,"
        + " generated from the data contracts, the DDL, the SQL headers and the cohort definitions (carelake dictionary). "
        + dictionary.tables().stream().filter(TableDoc::published).count() + " published tables, " + dictionary.feeds().size()
        + " source feeds, " + dictionary.codelists().size() + " codelists.")));
    blocks.add(new Heading("Published: gold zone", "gold"));
    blocks.add(new Paragraph(Page.text("Tables for researchers and commissioners, each through disclosure control. A name ending"
        + " __<project> is built once per approved project listing the dataset, under that project's own pseudonyms.")));
    blocks.add(tableList(table -> table.zone().equals("gold")));
    blocks.add(new Heading("Pseudonymised: silver zone", "silver"));
    blocks.add(new Paragraph(Page.text("The conformed model the gold tables are built from: row level, keyed by the pseudonymous"
        + " person key, no direct identifiers.")));
    blocks.add(tableList(table -> table.zone().equals("silver")));
    blocks.add(new Heading("Source feeds", "feeds"));
    List<List<List<Inline>>> feedRows = new ArrayList<>();
    for (FeedDoc feed : dictionary.feeds()) {
      feedRows.add(List.of(List.of(new Link(feedPage(feed.id()), "", feed.id())), Page.text(feed.contract().name()),
          Page.text(feed.contract().source()), tableLink(feed.target())));
    }
    blocks.add(new Table(List.of("Feed", "Name", "Source", "Silver table"), feedRows));
    blocks.add(new Heading("Codelists", "codelists"));
    List<List<List<Inline>>> listRows = new ArrayList<>();
    for (CodelistDoc list : dictionary.codelists()) {
      listRows.add(List.of(List.of(new Link(codelistPage(list.reference()), "", list.reference())), Page.text(list.system()),
          Page.text(list.description()), tableLinks(dictionary.usersOf(list.reference()))));
    }
    blocks.add(new Table(List.of("Codelist", "System", "Description", "Used by"), listRows));
    blocks.add(new Heading("Not published: restricted and ops zones", "not-published"));
    blocks.add(new Paragraph(Page.text("Listed for data engineers. The restricted zone holds identifiers and is read by data engineers"
        + " only; the ops zone holds run records and counts. Neither is served to researchers or commissioners. The raw feed tables"
        + " of the restricted zone follow their contracts (see Source feeds).")));
    blocks.add(tableList(table -> !table.published()));
    List<String> gaps = dictionary.undocumentedColumns();
    if (!gaps.isEmpty()) {
      blocks.add(new Heading("Columns without a meaning", "gaps"));
      blocks.add(new Paragraph(Page.text("Published columns whose definition does not say what they mean (a COMMENT in the DDL, or a"
          + " comment after the column in a gold file's SELECT).")));
      blocks.add(new Bullets(gaps.stream().map(Page::code).toList()));
    }
    return new Page(INDEX, "CareLake data dictionary", blocks);
  }

  private Table tableList(Predicate<TableDoc> which) {
    List<List<List<Inline>>> rows = new ArrayList<>();
    for (TableDoc table : dictionary.tables()) {
      if (which.test(table)) {
        rows.add(List.of(List.of(new Link(tablePage(table), "", table.name())), Page.text(table.kind()), Page.text(table.purpose()),
            Page.text(table.grain())));
      }
    }
    return new Table(List.of("Table", "Kind", "Purpose", "Grain"), rows);
  }

  private Page table(TableDoc table) {
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Paragraph(List.of(new Text(table.kind() + " in the " + table.zone() + " zone, "
        + (table.published() ? "published" : "not published") + "; defined in "), new Code(table.definedIn()),
        new Text(". "), new Link(INDEX, table.published() ? table.zone() : "not-published", "All tables"))));
    List<List<List<Inline>>> summary = new ArrayList<>();
    summary.add(List.of(Page.text("Purpose"), Page.text(table.purpose())));
    summary.add(List.of(Page.text("Grain"), Page.text(table.grain())));
    summary.add(List.of(Page.text("Keys"), codes(table.keys())));
    if (!table.feeds().isEmpty()) {
      summary.add(List.of(Page.text("Source feeds"), feedLinks(table.feeds())));
    }
    if (!table.inputs().isEmpty()) {
      summary.add(List.of(Page.text("Inputs"), tableLinks(table.inputs())));
    }
    List<TableDoc> readers = dictionary.readersOf(table.name());
    if (!readers.isEmpty()) {
      summary.add(List.of(Page.text("Read by"), tableLinks(readers)));
    }
    if (!table.codelists().isEmpty()) {
      summary.add(List.of(Page.text("Codelists"), codelistLinks(table.codelists())));
    }
    table.details().forEach((label, value) -> summary.add(List.of(Page.text(capitalised(label)), Page.text(value))));
    blocks.add(new Table(List.of("", ""), summary));
    blocks.add(new Heading("Columns", "columns"));
    List<List<List<Inline>>> rows = new ArrayList<>();
    for (ColumnDoc column : table.columns()) {
      List<Inline> name = new ArrayList<>(Page.code(column.name()));
      if (table.keys().contains(column.name())) {
        name.add(new Text(" (key)"));
      }
      rows.add(List.of(name, Page.text(column.type().isEmpty() ? "not declared" : column.type()), Page.text(column.nullable().label()),
          Page.text(column.documented() ? column.meaning() : "not documented")));
    }
    blocks.add(new Table(List.of("Column", "Type", "Nullable", "Meaning"), rows));
    blocks.add(new Heading("Disclosure control", "disclosure"));
    if (!table.disclosure().isEmpty()) {
      blocks.add(new Bullets(table.disclosure().stream().map(Page::text).toList()));
    } else if (table.published()) {
      blocks.add(new Paragraph(Page.text("Row level and pseudonymised: no direct identifiers; the small-number rule applies to the"
          + " gold tables built from it. Who may read it is declared in governance/access-policy.yaml.")));
    } else {
      blocks.add(new Paragraph(Page.text("Not published: never served to researchers or commissioners.")));
    }
    return new Page(tablePage(table), table.name(), blocks);
  }

  private Page feed(FeedDoc feed) {
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Paragraph(List.of(new Text("Source feed " + feed.contract().name() + "; contract "), new Code(feed.definedIn()),
        new Text(" (ODCS v3). "), new Link(INDEX, "feeds", "All feeds"))));
    List<List<List<Inline>>> summary = new ArrayList<>();
    summary.add(List.of(Page.text("Contract version"), Page.text(feed.contract().version())));
    summary.add(List.of(Page.text("Source"), Page.text(feed.contract().source())));
    summary.add(List.of(Page.text("Silver table"), feed.target().isEmpty()
        ? Page.text("none: an opt-out list, applied by the gold stage and never copied to silver") : tableLink(feed.target())));
    if (!feed.mapping().isEmpty()) {
      summary.add(List.of(Page.text("Silver mapping"), List.of(new Code(feed.mapping()), new Text(" " + feed.mappingPurpose()))));
    }
    summary.add(List.of(Page.text("File"), Page.text("CSV, delimiter '" + feed.contract().delimiter() + "', " + feed.contract().encoding())));
    summary.add(List.of(Page.text("Landed in"), Page.code("restricted.raw_" + feed.id())));
    blocks.add(new Table(List.of("", ""), summary));
    blocks.add(new Heading("Columns", "columns"));
    List<List<List<Inline>>> rows = new ArrayList<>();
    for (Column column : feed.contract().columns()) {
      rows.add(List.of(Page.code(column.name()), Page.code(column.physicalName()), Page.text(column.type().name().toLowerCase(java.util.Locale.ROOT)),
          Page.text(column.required() ? "yes" : "no") , Page.text(column.primaryKey() ? "yes" : ""), Page.text(column.classification().label()),
          Page.text(column.description()), Page.text(rules(column))));
    }
    blocks.add(new Table(List.of("Column", "Header sent", "Type", "Required", "Key", "Classification", "Meaning", "Rules"), rows));
    return new Page(feedPage(feed.id()), "Feed " + feed.id(), blocks);
  }

  private static String rules(Column column) {
    List<String> rules = new ArrayList<>();
    column.pattern().ifPresent(pattern -> rules.add("pattern " + pattern));
    column.format().ifPresent(format -> rules.add("format " + format));
    column.minLength().ifPresent(length -> rules.add("at least " + length + " characters"));
    column.maxLength().ifPresent(length -> rules.add("at most " + length + " characters"));
    column.minimum().ifPresent(minimum -> rules.add("minimum " + minimum.toPlainString()));
    column.maximum().ifPresent(maximum -> rules.add("maximum " + maximum.toPlainString()));
    if (!column.validValues().isEmpty()) {
      rules.add("one of " + String.join(", ", column.validValues()));
    }
    column.customRules().forEach(rule -> rules.add("rule " + rule.kind().id() + rule.otherColumn().map(other -> " " + other).orElse("")
        + (rule.severity() == org.carelake.contract.CustomRule.Severity.WARNING ? " (warning)" : "")));
    return String.join("; ", rules);
  }

  private Page codelist(CodelistDoc list) {
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Paragraph(List.of(new Text(list.system() + " codelist, file "), new Code(list.file()), new Text(". "),
        new Link(INDEX, "codelists", "All codelists"))));
    List<List<List<Inline>>> summary = new ArrayList<>();
    summary.add(List.of(Page.text("Description"), Page.text(list.description())));
    if (!list.rationale().isEmpty()) {
      summary.add(List.of(Page.text("Rationale"), Page.text(list.rationale())));
    }
    if (!list.source().isEmpty()) {
      summary.add(List.of(Page.text("Source"), Page.text(list.source())));
    }
    if (!list.checksum().isEmpty()) {
      summary.add(List.of(Page.text("Checksum"), Page.text(list.checksum())));
    }
    summary.add(List.of(Page.text("Used by"), tableLinks(dictionary.usersOf(list.reference()))));
    blocks.add(new Table(List.of("", ""), summary));
    blocks.add(new Heading("Codes (" + list.codes().size() + ")", "codes"));
    blocks.add(new Table(List.of("Code", "Term"),
        list.codes().stream().map(code -> List.of(Page.code(code.code()), Page.text(code.term()))).toList()));
    return new Page(codelistPage(list.reference()), "Codelist " + list.reference(), blocks);
  }

  private List<Inline> tableLink(String name) {
    if (name.isEmpty()) {
      return Page.text("none");
    }
    return dictionary.table(name).<List<Inline>>map(table -> List.of(new Link(tablePage(table), "", name))).orElse(Page.code(name));
  }

  private List<Inline> tableLinks(List<?> tables) {
    List<String> names = tables.stream().map(table -> table instanceof TableDoc doc ? doc.name() : String.valueOf(table)).toList();
    if (names.isEmpty()) {
      return Page.text("none");
    }
    List<Inline> inlines = new ArrayList<>();
    for (String name : names) {
      if (!inlines.isEmpty()) {
        inlines.add(new Text(", "));
      }
      inlines.addAll(tableLink(name));
    }
    return inlines;
  }

  private List<Inline> feedLinks(List<String> ids) {
    List<Inline> inlines = new ArrayList<>();
    for (String id : ids) {
      if (!inlines.isEmpty()) {
        inlines.add(new Text(", "));
      }
      inlines.add(dictionary.feed(id).isPresent() ? new Link(feedPage(id), "", id) : new Code(id));
    }
    return inlines;
  }

  private List<Inline> codelistLinks(List<String> references) {
    List<Inline> inlines = new ArrayList<>();
    for (String reference : references) {
      if (!inlines.isEmpty()) {
        inlines.add(new Text(", "));
      }
      inlines.add(dictionary.codelist(reference).isPresent() ? new Link(codelistPage(reference), "", reference) : new Code(reference));
    }
    return inlines;
  }

  private static String capitalised(String label) {
    return label.isEmpty() ? label : Character.toUpperCase(label.charAt(0)) + label.substring(1);
  }

  private static List<Inline> codes(List<String> names) {
    List<Inline> inlines = new ArrayList<>();
    for (String name : names) {
      if (!inlines.isEmpty()) {
        inlines.add(new Text(", "));
      }
      inlines.add(new Code(name));
    }
    return inlines.isEmpty() ? Page.text("none declared") : inlines;
  }
}
