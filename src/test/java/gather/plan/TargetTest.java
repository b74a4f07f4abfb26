package gather.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gather.result.ErrorKind;
import gather.result.FetchException;
import gather.testing.FakeDns;
import gather.testing.GatherRun;
import gather.testing.RecordedRequest;
import gather.testing.ScriptedResponse;
import gather.testing.ScriptedServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            example.com                          | http  | example.com   | 80   | /
            http://Example.COM                   | http  | example.com   | 80   | /
            https://example.com:8443/a/b?x=1#frag | https | example.com   | 8443 | /a/b?x=1
            example.com:8080/x                   | http  | example.com   | 8080 | /x
            http://example.com?q                 | http  | example.com   | 80   | /?q
            http://[::1]:9000/p                  | http  | ::1           | 9000 | /p
            http://127.0.0.1/a b                 | http  | 127.0.0.1     | 80   | /a%20b
            http://example.com/ü?ä=1             | http  | example.com   | 80   | /%C3%BC?%C3%A4=1
            http://example.com/100%/ok%41        | http  | example.com   | 80   | /100%25/ok%41
            http://bücher.example/               | http  | xn--bcher-kva.example | 80 | /
            http://example.com./                 | http  | example.com   | 80   | /
            """)
    void parsesWhatUsersType(String input, String scheme, String host, int port, String pathAndQuery) throws Exception {
        Target t = Target.parse(input);
        assertThat(t.scheme()).isEqualTo(scheme);
        assertThat(t.host()).isEqualTo(host);
        assertThat(t.port()).isEqualTo(port);
        assertThat(t.pathAndQuery()).isEqualTo(pathAndQuery);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            http://                       | INVALID_URL
            http://[::1/                  | INVALID_URL
            http://exa mple.com/          | INVALID_URL
            http://example.com:99999/     | INVALID_URL
            http://example.com:8x/        | INVALID_URL
            ftp://example.com/            | UNSUPPORTED_SCHEME
            mailto:someone@example.com    | UNSUPPORTED_SCHEME
            javascript:alert(1)           | UNSUPPORTED_SCHEME
            """)
    void refusesWhatCannotBeFetched(String input, ErrorKind kind) {
        assertThatThrownBy(() -> Target.parse(input))
                .isInstanceOf(FetchException.class)
                .satisfies(e -> assertThat(((FetchException) e).kind()).isEqualTo(kind));
    }

    @Test
    void controlCharactersAreInvalid() {
        for (String bad : new String[] {"http://a/\r\nX: y", "http://a/\u0000", "http://a\n/"}) {
            assertThatThrownBy(() -> Target.parse(bad)).isInstanceOf(FetchException.class)
                    .satisfies(e -> assertThat(((FetchException) e).kind()).isEqualTo(ErrorKind.INVALID_URL));
        }
    }

    @Test
    void userInfoBecomesBasicAuthAndIsNeverPrinted() throws Exception {
        Target t = Target.parse("https://al%40ice:s%3Acret@example.com/x");
        assertThat(new String(Base64.getDecoder().decode(t.basicAuth()), StandardCharsets.UTF_8))
                .isEqualTo("al@ice:s:cret");
        assertThat(t.toString()).isEqualTo("https://example.com/x").doesNotContain("cret");
    }

    @Test
    void hostHeaderCarriesThePortOnlyWhenNotDefault() throws Exception {
        assertThat(Target.parse("http://a.example/").authority()).isEqualTo("a.example");
        assertThat(Target.parse("http://a.example:80/").authority()).isEqualTo("a.example");
        assertThat(Target.parse("https://a.example:443/").authority()).isEqualTo("a.example");
        assertThat(Target.parse("http://a.example:8080/").authority()).isEqualTo("a.example:8080");
        assertThat(Target.parse("http://[::1]:8080/").authority()).isEqualTo("[::1]:8080");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            http://a.example/b/c?q=1 | d                       | http://a.example/b/d
            http://a.example/b/c     | ../d                    | http://a.example/d
            http://a.example/b/c     | ../../../d              | http://a.example/d
            http://a.example/b/c     | /x?y=1                  | http://a.example/x?y=1
            http://a.example/b/c     | ?y=2                    | http://a.example/b/c?y=2
            http://a.example/b/c?q=1 | #top                    | http://a.example/b/c?q=1
            http://a.example/b/c     | //other.example/p       | http://other.example/p
            https://a.example/b/c    | //other.example/p       | https://other.example/p
            http://a.example/b/c     | https://b.example:8443/ | https://b.example:8443/
            http://a.example/b/c     | /new path#frag          | http://a.example/new%20path
            """)
    void resolvesLocationsAsRfc3986Says(String base, String location, String expected) throws Exception {
        assertThat(Target.parse(base).resolve(location).toString()).isEqualTo(expected);
    }

    @Test
    void aRedirectToAnotherSchemeIsUnsupported() throws Exception {
        Target base = Target.parse("http://a.example/");
        for (String loc : new String[] {"ftp://a.example/f", "file:///etc/passwd", "data:text/plain,x"}) {
            assertThatThrownBy(() -> base.resolve(loc)).isInstanceOf(FetchException.class)
                    .satisfies(e -> assertThat(((FetchException) e).kind()).isEqualTo(ErrorKind.UNSUPPORTED_SCHEME));
        }
    }

    @Test
    void internationalHostNamesGoOnTheWireAsALabels() throws Exception {
        FakeDns.register("xn--bcher-kva.test", "127.0.0.1");
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok("idn"));
            GatherRun run = GatherRun.json("http://bücher.test:" + server.port() + "/");
            assertThat(run.exitCode).as("%s", run).isZero();
            RecordedRequest req = server.takeRequest();
            assertThat(req.header("Host")).isEqualTo("xn--bcher-kva.test:" + server.port());
            assertThat(run.result().get("url").asText()).isEqualTo("http://xn--bcher-kva.test:" + server.port() + "/");
        }
    }
}
