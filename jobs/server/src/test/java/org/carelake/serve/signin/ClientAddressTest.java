package org.carelake.serve.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
  static final Set<String> PROXIES = Set.of("10.0.0.5", "10.0.0.6");

  @Test
  void aDirectClientIsItsOwnAddressWhateverItsHeaderSays() {
    assertThat(ClientAddress.of("192.0.2.10", "198.51.100.7", PROXIES)).isEqualTo("192.0.2.10");
    assertThat(ClientAddress.of("192.0.2.10", null, PROXIES)).isEqualTo("192.0.2.10");
    assertThat(ClientAddress.of("10.0.0.5", "198.51.100.7", Set.of())).as("no proxy trusted").isEqualTo("10.0.0.5");
  }

  @Test
  void behindATrustedProxyTheClientIsTheHopTheProxySaw() {
    assertThat(ClientAddress.of("10.0.0.5", "198.51.100.7", PROXIES)).isEqualTo("198.51.100.7");
    // A client that writes its own header cannot choose its address: the proxy appends what it saw.
    assertThat(ClientAddress.of("10.0.0.5", "203.0.113.99, 198.51.100.7", PROXIES)).isEqualTo("198.51.100.7");
    // Two trusted proxies in a row.
    assertThat(ClientAddress.of("10.0.0.5", "198.51.100.7, 10.0.0.6", PROXIES)).isEqualTo("198.51.100.7");
    assertThat(ClientAddress.of("10.0.0.5", " , ", PROXIES)).isEqualTo("10.0.0.5");
  }
}
