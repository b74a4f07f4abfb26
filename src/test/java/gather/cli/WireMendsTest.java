package gather.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gather.testing.GatherRun;
import gather.testing.ScriptedResponse;
import gather.testing.ScriptedServer;
import org.junit.jupiter.api.Test;

/** Two protocol mends, through the command line: a long header line, and a head cut after its status line. */
class WireMendsTest {
    @Test
    void anEighteenKilobyteHeaderLineIsFineByDefault() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.raw("HTTP/1.1 200 OK\r\nSet-Cookie: s=" + "x".repeat(18 * 1024)
                    + "\r\nContent-Length: 2\r\n\r\nok"));
            GatherRun run = GatherRun.json(server.url("/"));
            assertThat(run.exitCode).as("%s", run).isZero();
            assertThat(run.result().get("bytes").asInt()).isEqualTo(2);
        }
    }

    @Test
    void aHeadCutAfterItsStatusLineReportsThatStatusAsTruncated() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.raw("HTTP/1.1 200 OK\r\nContent-Ty").keepOpen(false));
            GatherRun run = GatherRun.json(server.url("/"));
            assertThat(run.exitCode).isEqualTo(1);
            JsonNode r = run.result();
            assertThat(r.get("error").get("kind").asText()).isEqualTo("truncated");
            assertThat(r.get("status").asInt()).isEqualTo(200);
            assertThat(r.get("reason").asText()).isEqualTo("OK");
            assertThat(r.get("http_version").asText()).isEqualTo("HTTP/1.1");
        }
    }

    @Test
    void verboseShowsTheStatusLineOfACutHeadThenWhyItFailed() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.raw("HTTP/1.1 200 OK\r\nContent-Ty").keepOpen(false));
            GatherRun run = GatherRun.run("-v", server.url("/cut"));
            assertThat(run.exitCode).isEqualTo(1);
            assertThat(run.err.lines().filter(l -> l.startsWith("< ") || l.startsWith("* attempt")).toList())
                    .as("%s", run.err).satisfiesExactly(
                            l -> assertThat(l).isEqualTo("< HTTP/1.1 200 OK"),
                            l -> assertThat(l).startsWith("* attempt 1 failed: truncated: "));
        }
    }
}
