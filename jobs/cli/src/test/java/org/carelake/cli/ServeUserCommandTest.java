package org.carelake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.carelake.serve.signin.User;
import org.carelake.serve.signin.UserFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code carelake serve-user add} through the real entry point, the password on standard input as a
 * script would give it: the user can then sign in, the file holds no password and only its owner
 * may read it, a short password is refused. No server.
 */
class ServeUserCommandTest {
  @TempDir Path dir;

  @Test
  void addsAUserWhoCanSignInAndKeepsOnlyAHash() throws IOException {
    Path users = dir.resolve("dashboard-users.txt");
    String password = "a-long-test-passphrase";
    EntryPoint added = EntryPoint.runWithInput(password + "\n", "serve-user", "add", "--users", users.toString(), "--name", "cara");
    assertThat(added.exit()).as(added.err()).isZero();
    assertThat(added.out()).contains("added cara (commissioner, service planning)").doesNotContain(password);
    assertThat(Files.readString(users)).doesNotContain(password);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(users))).isEqualTo("rw-------");
    assertThat(UserFile.load(users).check("cara", password.toCharArray())).contains(new User("cara", "commissioner", "service planning"));
    assertThat(UserFile.load(users).check("cara", "a-wrong-passphrase".toCharArray())).isEmpty();

    EntryPoint shortOne = EntryPoint.runWithInput("short\n", "serve-user", "add", "--users", users.toString(), "--name", "dan");
    assertThat(shortOne.exit()).isNotZero();
    assertThat(shortOne.err()).contains("at least 12 characters");
    assertThat(UserFile.load(users).check("dan", "short".toCharArray())).isEmpty();
  }
}
