package org.carelake.serve.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.carelake.error.CareLakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserFileTest {
  @TempDir Path folder;

  @Test
  void storesASaltedSlowHashAndChecksOnlyTheRightPassword() throws Exception {
    Path file = folder.resolve("users.txt");
    UserFile.add(file, "cara", "commissioner", "service planning", "a long enough secret".toCharArray());
    UserFile.add(file, "cora", "commissioner", "service planning", "a long enough secret".toCharArray());
    String text = Files.readString(file);
    assertThat(text).doesNotContain("a long enough secret").contains("cara:commissioner:service planning:" + UserFile.ITERATIONS + ":");
    // The same password under two users gives two different hashes (each has its own salt).
    String[] lines = text.lines().filter(l -> !l.startsWith("#")).toArray(String[]::new);
    assertThat(lines[0].substring(lines[0].lastIndexOf(':'))).isNotEqualTo(lines[1].substring(lines[1].lastIndexOf(':')));

    UserFile users = UserFile.load(file);
    assertThat(users.check("cara", "a long enough secret".toCharArray())).hasValueSatisfying(u -> assertThat(u.role()).isEqualTo("commissioner"));
    assertThat(users.check("cara", "a long enough secreT".toCharArray())).isEmpty();
    assertThat(users.check("nobody", "a long enough secret".toCharArray())).isEmpty();
  }

  @Test
  void replacingAUserKeepsOneLineAndRefusesShortPasswordsAndOddNames() {
    Path file = folder.resolve("users.txt");
    UserFile.add(file, "cara", "commissioner", "service planning", "first password!".toCharArray());
    UserFile.add(file, "cara", "commissioner", "service planning", "second password!".toCharArray());
    UserFile users = UserFile.load(file);
    assertThat(users.check("cara", "first password!".toCharArray())).isEmpty();
    assertThat(users.check("cara", "second password!".toCharArray())).isPresent();
    assertThatThrownBy(() -> UserFile.add(file, "dan", "data-engineer", "pipeline operation", "short".toCharArray()))
        .isInstanceOf(CareLakeException.class).hasMessageContaining("at least 12");
    assertThatThrownBy(() -> UserFile.add(file, "../etc", "commissioner", "service planning", "long enough password".toCharArray()))
        .isInstanceOf(CareLakeException.class);
  }
}
