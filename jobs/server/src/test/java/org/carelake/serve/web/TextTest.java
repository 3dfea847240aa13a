package org.carelake.serve.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTest {
  @Test
  void csvNeutralisesEveryFormulaStartButKeepsPlainNumbers() {
    assertThat(Text.csvField("=SUM(A1:A9)")).isEqualTo("\"'=SUM(A1:A9)\"");
    assertThat(Text.csvField("+cmd|' /C calc'!A0")).isEqualTo("\"'+cmd|' /C calc'!A0\"");
    assertThat(Text.csvField("-2+3")).isEqualTo("\"'-2+3\"");
    assertThat(Text.csvField("@SUM(1)")).isEqualTo("\"'@SUM(1)\"");
    assertThat(Text.csvField("\t=1")).isEqualTo("\"'\t=1\"");
    assertThat(Text.csvField("\r=1")).isEqualTo("\"'\r=1\"");
    assertThat(Text.csvField("-4.2%")).isEqualTo("\"-4.2%\"");
    assertThat(Text.csvField("+8.5%")).isEqualTo("\"+8.5%\"");
    assertThat(Text.csvField("-15")).isEqualTo("\"-15\"");
    assertThat(Text.csvField("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(Text.csvLine(List.of("a", "b"))).isEqualTo("\"a\",\"b\"\r\n");
  }

  @Test
  void htmlAndJsonEscapeMarkup() {
    assertThat(Text.html("<a href=\"x\" onclick='y'>&</a>")).isEqualTo("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    assertThat(Text.json("</script><b>\"\\\n\u2028")).isEqualTo("\"\\u003c/script\\u003e\\u003cb\\u003e\\\"\\\\\\n\\u2028\"");
  }
}
