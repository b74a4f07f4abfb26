package gather.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gather.testing.GatherRun;
import gather.testing.RecordedRequest;
import gather.testing.ScriptedResponse;
import gather.testing.UnixScriptedServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --unix-socket PATH and --unix-socket HOST=PATH against a server on a Unix domain socket the test opens. */
class UnixSocketTest {

    @Test
    void everyUrlGoesOverTheSocketWithItsOwnHostHeader() throws Exception {
        try (UnixScriptedServer server = new UnixScriptedServer()) {
            server.enqueue(ScriptedResponse.ok("over unix"));
            GatherRun run = GatherRun.json("--unix-socket", server.path().toString(), "http://daemon.invalid/v1/info");
            assertThat(run.exitCode).as(run.toString()).isZero();
            JsonNode r = run.result();
            assertThat(r.get("bytes").asLong()).isEqualTo(9);
            assertThat(r.get("remote_address").asText()).isEqualTo("unix:" + server.path());
            assertThat(r.get("timing_ms").get("dns").asDouble()).isZero();
            assertThat(r.get("tls").isNull()).isTrue();
            RecordedRequest req = server.takeRequest();
            assertThat(req.header("Host")).isEqualTo("daemon.invalid");
            assertThat(req.path()).isEqualTo("/v1/info");
        }
    }

    @Test
    void keepAliveConnectionIsReusedOverTheSocket() throws Exception {
        try (UnixScriptedServer server = new UnixScriptedServer()) {
            server.enqueue(ScriptedResponse.ok("one"), ScriptedResponse.ok("two"));
            GatherRun run = GatherRun.json("-j", "1", "--unix-socket", server.path().toString(),
                    "http://daemon.invalid/a", "http://daemon.invalid/b");
            assertThat(run.exitCode).as(run.toString()).isZero();
            assertThat(run.json().get("results").get(1).get("reused_connection").asBoolean()).isTrue();
            assertThat(server.connectionCount()).isEqualTo(1);
            assertThat(server.takeRequest().exchangeIndex()).isZero();
            assertThat(server.takeRequest().exchangeIndex()).isEqualTo(1);
        }
    }

    @Test
    void hostEqualsPathRoutesOnlyThatHost() throws Exception {
        try (UnixScriptedServer server = new UnixScriptedServer()) {
            server.enqueue(ScriptedResponse.ok("routed"));
            GatherRun run = GatherRun.json("--unix-socket", "Docker.invalid=" + server.path(),
                    "http://docker.invalid/", "http://other.invalid/");
            assertThat(run.errorKind(0)).as(run.toString()).isNull();
            assertThat(run.errorKind(1)).isEqualTo("dns"); // not routed: TCP, and .invalid does not resolve
            assertThat(server.takeRequest().header("Host")).isEqualTo("docker.invalid");
        }
    }

    @Test
    void aStalledServerTimesOutByClosingTheChannel() {
        try (UnixScriptedServer server = new UnixScriptedServer()) {
            server.enqueue(ScriptedResponse.ok("never").stall());
            GatherRun run = GatherRun.json("--read-timeout", "0.3", "--unix-socket", server.path().toString(),
                    "http://daemon.invalid/");
            assertThat(run.errorKind(0)).as(run.toString()).isEqualTo("timeout");
        }
    }

    @Test
    void aMissingSocketIsAConnectFailure(@TempDir Path dir) {
        GatherRun run = GatherRun.json("--unix-socket", dir.resolve("none.sock").toString(), "http://daemon.invalid/");
        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.errorKind(0)).isEqualTo("connect");
        assertThat(run.result().get("error").get("message").asText()).contains("none.sock");
    }

    @Test
    void httpsOverAUnixSocketIsRefusedClearly(@TempDir Path dir) {
        GatherRun run = GatherRun.json("--unix-socket", dir.resolve("x.sock").toString(), "https://daemon.invalid/");
        assertThat(run.errorKind(0)).isEqualTo("unsupported_scheme");
        assertThat(run.result().get("error").get("message").asText()).contains("--unix-socket");
    }

    @Test
    void aProxyIsNotUsedForAUnixSocketHost() throws Exception {
        try (UnixScriptedServer server = new UnixScriptedServer()) {
            server.enqueue(ScriptedResponse.ok("direct"));
            GatherRun run = GatherRun.json("--proxy", "http://127.0.0.1:1", "--unix-socket", server.path().toString(),
                    "http://daemon.invalid/x");
            assertThat(run.exitCode).as(run.toString()).isZero();
            assertThat(server.takeRequest().target()).isEqualTo("/x"); // origin form, not a proxy's absolute form
        }
    }

    @Test
    void twoSocketsForEveryUrlIsAUsageError() {
        GatherRun run = GatherRun.run("--unix-socket", "/tmp/a.sock", "--unix-socket", "/tmp/b.sock", "http://x.invalid/");
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("--unix-socket");
    }
}
