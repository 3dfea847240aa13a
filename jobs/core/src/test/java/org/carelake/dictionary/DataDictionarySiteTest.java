package org.carelake.dictionary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.carelake.error.CareLakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML and Markdown pages written from a small repository, and the link check over them. */
class DataDictionarySiteTest {
  @TempDir Path root;
  @TempDir Path out;

  @Test
  void writesBothFormatsWithEveryLinkResolving() throws IOException {
    DataDictionaryBuild build = DataDictionaryBuild.write(DictionaryFixture.write(root), out);

    for (String page : new String[] {"index", "tables/silver.hospital_spell", "tables/gold.spells_by_month", "tables/gold.spell_cohort",
        "tables/restricted.identity", "feeds/acute_apc", "codelists/snomed-test-list-v1", "codelists/metformin-dmd-v1"}) {
      assertThat(out.resolve("html/" + page + ".html")).as(page).isRegularFile();
      assertThat(out.resolve("markdown/" + page + ".md")).as(page).isRegularFile();
    }
    assertThat(build.links()).isGreaterThan(20);
    assertThat(LinkCheck.check(out.resolve("html"))).isEmpty();
    assertThat(LinkCheck.check(out.resolve("markdown"))).isEmpty();
    assertThat(build.undocumentedColumns()).contains("silver.hospital_spell.admission_date");
  }

  @Test
  void aTableLinksItsInputsFeedsAndCodelistsAndTheyLinkBack() throws IOException {
    DataDictionaryBuild.write(DictionaryFixture.write(root), out);

    String silver = Files.readString(out.resolve("html/tables/silver.hospital_spell.html"));
    assertThat(silver).contains("<a href=\"../feeds/acute_apc.html\">acute_apc</a>", "<a href=\"../tables/gold.spells_by_month.html\">");
    String gold = Files.readString(out.resolve("markdown/tables/gold.spell_cohort.md"));
    assertThat(gold).contains("[silver.hospital\\_spell](../tables/silver.hospital_spell.md)",
        "[snomed/test-list@1](../codelists/snomed-test-list-v1.md)");
    String list = Files.readString(out.resolve("html/codelists/snomed-test-list-v1.html"));
    assertThat(list).contains("<a href=\"../tables/gold.spell_cohort.html\">gold.spell_cohort__&lt;project&gt;</a>", "44054006");
    String feed = Files.readString(out.resolve("html/feeds/acute_apc.html"));
    assertThat(feed).contains("direct-identifier", "<a href=\"../tables/silver.hospital_spell.html\">");
    // A table the dictionary does not know is named, not linked.
    assertThat(Files.readString(out.resolve("html/tables/gold.spells_by_month.html"))).contains("<code>reference.postcode_lsoa</code>");
  }

  @Test
  void textIsEscapedSoADefinitionCannotInjectMarkupAndNothingIsFetchedFromElsewhere() throws IOException {
    DataDictionaryBuild.write(DictionaryFixture.write(root), out);

    String html = Files.readString(out.resolve("html/tables/gold.spells_by_month.html"));
    assertThat(html).contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more").doesNotContain("<script");
    assertThat(html).contains("<html lang=\"en-GB\">", "<style>", "<th scope=\"col\">Meaning</th>").doesNotContain("http://", "https://");
    String markdown = Files.readString(out.resolve("markdown/tables/gold.spells_by_month.md"));
    assertThat(markdown).contains("&lt;script&gt;").doesNotContain("<script");
    assertThat(Files.readString(out.resolve("html/index.html"))).contains("id=\"not-published\"", "restricted.identity");
  }

  @Test
  void theLinkCheckFindsAMissingPageAMissingAnchorAndALinkOutOfTheSite() throws IOException {
    DictionaryFixture.write(out.resolve("a.html"), "<h2 id=\"here\">x</h2><a href=\"#here\">ok</a> <a href=\"b.html\">gone</a>"
        + " <a href=\"c.html#there\">no anchor</a> <a href=\"https://example.org/x.css\">out</a>");
    DictionaryFixture.write(out.resolve("c.html"), "<p id=\"elsewhere\">c</p>");
    DictionaryFixture.write(out.resolve("d.md"), "<a id=\"top\"></a>\n[ok](c.html) [up](../outside.md) [self](#top) [bad](#nowhere)"
        + " \\[not a link\\](x)");

    assertThat(LinkCheck.check(out)).containsExactlyInAnyOrder(
        "a.html: b.html: no such page",
        "a.html: c.html#there: no anchor 'there' on c.html",
        "a.html: https://example.org/x.css: leads out of the site; the dictionary links only its own pages",
        "d.md: ../outside.md: leads outside the site folder",
        "d.md: #nowhere: no anchor 'nowhere' on d.md");
  }

  @Test
  void aBrokenDefinitionStopsTheBuildNamingTheFile() throws IOException {
    DictionarySources sources = DictionaryFixture.write(root);
    DictionaryFixture.write(root.resolve("sql/gold/no_disclosure.sql"), "-- table: gold.no_disclosure\nSELECT 1 AS x\n");

    assertThatThrownBy(() -> DataDictionaryBuild.write(sources, out))
        .isInstanceOf(CareLakeException.class)
        .hasMessageContaining("no_disclosure.sql")
        .hasMessageContaining("disclosure");
  }

  @Test
  void aRewriteRemovesThePageOfATableThatIsGoneAndKeepsOtherFiles() throws IOException {
    DictionarySources sources = DictionaryFixture.write(root);
    DataDictionaryBuild.write(sources, out);
    Files.delete(root.resolve("sql/gold/spell_cohort.sql"));
    DictionaryFixture.write(out.resolve("html/notes.txt"), "kept");

    DataDictionaryBuild.write(sources, out);

    assertThat(out.resolve("html/tables/gold.spell_cohort.html")).doesNotExist();
    assertThat(out.resolve("html/tables/gold.spells_by_month.html")).exists();
    assertThat(out.resolve("html/notes.txt")).hasContent("kept");
  }
}
