package org.carelake.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class JsonTextTest {
  @Test
  void quotesEveryCharacterThatCouldEndTheStringOrTheScript() {
    String text = "a \"quoted\" back\\slash\nline\ttab </script><b>&amp;\u0001\u2028";
    String json = JsonText.quote(text);
    assertThat(json).startsWith("\"").endsWith("\"").doesNotContain("<", ">", "&", "\n", "\t", "\u0001", "\u2028");
    // A JSON parser (SnakeYAML reads JSON) gives the text back unchanged.
    assertThat((String) new Yaml().load(json)).isEqualTo(text);
  }
}
