package gather.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gather.testing.FakeDns;
import gather.testing.GatherRun;
import gather.testing.ScriptedResponse;
import gather.testing.ScriptedServer;
import gather.testing.TestTls;
import java.util.List;
import org.junit.jupiter.api.Test;

/** --connect-to HOST:PORT:HOST2:PORT2: elsewhere on the wire, the original name in Host, SNI and certificate checks. */
class ConnectToTest {
    private static final String CA = TestTls.caPemPath().toString();

    @Test
    void tlsToAnotherAddressStillVerifiesTheOriginalName() throws Exception {
        try (ScriptedServer server = ScriptedServer.tls(TestTls.WRONGHOST_P12)) { // certificate for other.example
            server.enqueue(ScriptedResponse.ok("staging"));
            int port = server.port();
            // the --resolve is a safety net: were other.example looked up, nothing listens on 127.0.0.2
            GatherRun run = GatherRun.json("--cacert", CA, "--resolve", "other.example:" + port + ":127.0.0.2",
                    "--connect-to", "other.example:" + port + ":127.0.0.1:" + port, "https://other.example:" + port + "/");
            assertThat(run.exitCode).as(run.toString()).isZero();
            assertThat(run.result().get("remote_address").asText()).isEqualTo("127.0.0.1:" + port);
            assertThat(server.takeRequest().header("Host")).isEqualTo("other.example:" + port);
        }
    }

    @Test
    void aNameTheCertificateDoesNotHoldFailsHostNameVerification() {
        FakeDns.register("staging.test", "127.0.0.1");
        try (ScriptedServer server = ScriptedServer.tls(TestTls.WRONGHOST_P12)) {
            server.enqueue(ScriptedResponse.ok("staging"));
            int port = server.port();
            GatherRun run = GatherRun.json("--cacert", CA, "--connect-to", "staging.test:" + port + ":other.example:" + port,
                    "--resolve", "other.example:" + port + ":127.0.0.1", "https://staging.test:" + port + "/");
            assertThat(run.errorKind(0)).as(run.toString()).isEqualTo("tls");
            assertThat(run.result().get("error").get("message").asText()).contains("staging.test");
        }
    }

    @Test
    void composesWithResolveForTheNewHost() throws Exception {
        try (ScriptedServer server = ScriptedServer.tls(TestTls.WRONGHOST_P12)) {
            server.enqueue(ScriptedResponse.ok("backend"));
            int port = server.port();
            GatherRun run = GatherRun.json("--cacert", CA, "--connect-to", "other.example:443:backend.test:" + port,
                    "--resolve", "backend.test:" + port + ":127.0.0.1", "https://other.example/");
            assertThat(run.exitCode).as(run.toString()).isZero();
            assertThat(FakeDns.lookups("backend.test")).isZero();
            assertThat(server.takeRequest().header("Host")).isEqualTo("other.example");
        }
    }

    @Test
    void emptyHostAndPortMatchAnyAndEmptyTargetPartsKeepTheOriginal() throws Exception {
        FakeDns.register("anyport.test", "127.0.0.1");
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok("a"), ScriptedResponse.ok("b"));
            GatherRun run = GatherRun.json("-j", "1", "--connect-to", "::127.0.0.1:" + server.port(),
                    "http://unreachable.invalid:81/a", "http://anyport.test:1/b");
            assertThat(run.exitCode).as(run.toString()).isZero();
            assertThat(server.takeRequest().header("Host")).isEqualTo("unreachable.invalid:81");
            assertThat(server.takeRequest().header("Host")).isEqualTo("anyport.test:1");
        }
        assertThat(ConnectTo.route(List.of(ConnectTo.parse("a.test::b.test:")), "a.test", 8080))
                .isEqualTo(new ConnectTo.HostPort("b.test", 8080));
        assertThat(ConnectTo.route(List.of(ConnectTo.parse("a.test:80::8080")), "a.test", 80))
                .isEqualTo(new ConnectTo.HostPort("a.test", 8080));
        assertThat(ConnectTo.route(List.of(ConnectTo.parse("a.test:80::8080")), "a.test", 81))
                .isEqualTo(new ConnectTo.HostPort("a.test", 81));
        assertThat(ConnectTo.route(List.of(ConnectTo.parse("[::1]:443:[fe80::2]:8443")), "::1", 443))
                .isEqualTo(new ConnectTo.HostPort("fe80::2", 8443));
    }

    @Test
    void malformedRulesAreUsageErrors() {
        assertThatThrownBy(() -> ConnectTo.parse("a:1:b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnectTo.parse("a:x:b:1")).isInstanceOf(IllegalArgumentException.class);
        GatherRun run = GatherRun.run("--connect-to", "a:1:b:99999", "http://a/");
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("--connect-to");
    }
}
