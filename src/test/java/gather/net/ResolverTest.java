package gather.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which host names are address literals (no DNS, no SNI): decided without a regular expression. */
class ResolverTest {
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "0.0.0.0", "255.255.255.255", "10.1.22.333", "::1", "fe80::1%eth0", "2001:db8::7"})
    void literals(String name) {
        assertThat(Resolver.isLiteral(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "example.com", "1.2.3", "1.2.3.4.5", "1..2.3", ".1.2.3", "1.2.3.", "1.2.3.4a",
        "1234.1.1.1", "a.b.c.d", "127.0.0.1.nip.io"})
    void names(String name) {
        assertThat(Resolver.isLiteral(name)).isFalse();
    }
}
