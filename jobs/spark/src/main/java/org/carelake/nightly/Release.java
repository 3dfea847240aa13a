package org.carelake.nightly;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The CareLake release this code is, as the build stamped it. */
public final class Release {
  private static final String VERSION = load();

  private Release() {}

  public static String version() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = Release.class.getResourceAsStream("/carelake-release.properties")) {
      if (in == null) {
        return "development";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "development");
    } catch (IOException e) {
      return "development";
    }
  }
}
