package gather.cli;

import static gather.cli.CliTestSupport.doc;
import static gather.cli.CliTestSupport.results;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gather.testing.GatherRun;
import gather.testing.RecordedRequest;
import gather.testing.ScriptedResponse;
import gather.testing.ScriptedServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** -X, -I, -H, -A, -d, default headers, --accept-status and --max-redirects, as the server saw them. */
@Timeout(20)
class RequestOptionsTest {
    @TempDir
    Path tmp;

    private static ScriptedServer okServer() {
        ScriptedServer server = ScriptedServer.plain();
        server.setDispatcher(req -> ScriptedResponse.ok("ok"));
        return server;
    }

    @Test
    void defaultRequestHeadHasHostWithPortUserAgentAndAccept() throws Exception {
        try (ScriptedServer server = okServer()) {
            GatherRun run = GatherRun.json(server.url("/p?q=1"));
            assertThat(run.exitCode).as("%s", run).isZero();
            RecordedRequest r = server.takeRequest();
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.target()).isEqualTo("/p?q=1");
            assertThat(r.version()).isEqualTo("HTTP/1.1");
            assertThat(r.headers("Host")).containsExactly("127.0.0.1:" + server.port());
            assertThat(r.headers("User-Agent")).containsExactly("gather/" + Version.VERSION);
            assertThat(r.headers("Accept")).containsExactly("*/*");
            assertThat(r.header("Content-Length")).as("no body on a GET").isNull();
            assertThat(r.header("Transfer-Encoding")).isNull();
            assertThat(r.body()).isEmpty();
        }
    }

    @Test
    void methodOptionSetsTheMethod() throws Exception {
        try (ScriptedServer server = okServer()) {
            assertThat(GatherRun.json("-X", "PUT", server.url("/put")).exitCode).isZero();
            assertThat(server.takeRequest().method()).isEqualTo("PUT");
            assertThat(GatherRun.json("--method", "DELETE", server.url("/del")).exitCode).isZero();
            assertThat(server.takeRequest().method()).isEqualTo("DELETE");
        }
    }

    @Test
    void headSendsHeadAndReadsNoBodyEvenWithContentLength() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain()) {
            // the server sends Content-Length but (for HEAD) no body; reading one would hang until the read timeout
            server.setDispatcher(req -> req.path().equals("/big") ? ScriptedResponse.ok("x".repeat(1000))
                    : ScriptedResponse.ok("seven!!").header("Content-Type", "text/plain"));
            long t0 = System.nanoTime();
            GatherRun run = GatherRun.json("-I", "-j", "1", "--read-timeout", "5", server.url("/big"),
                    server.url("/small"));
            long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(run.exitCode).as("%s", run).isZero();
            assertThat(elapsedMs).as("no wait for a body that never comes").isLessThan(4000);
            List<JsonNode> rs = results(doc(run));
            assertThat(rs.get(0).get("status").asInt()).isEqualTo(200);
            assertThat(rs.get(0).get("bytes").asLong()).isZero();
            assertThat(rs.get(0).get("content_length").asLong()).isEqualTo(1000);
            assertThat(rs.get(0).get("sha256").asText()).isEqualTo(CliTestSupport.SHA256_OF_NOTHING);
            assertThat(rs.get(1).get("bytes").asLong()).isZero();
            assertThat(rs.get(1).get("content_length").asLong()).isEqualTo(7);
            assertThat(rs.get(1).get("content_type").asText()).isEqualTo("text/plain");
            List<RecordedRequest> recorded = server.recordedRequests();
            assertThat(recorded).extracting(RecordedRequest::method).containsExactly("HEAD", "HEAD");
            // the connection stays usable after a HEAD: the second exchange rides on it
            assertThat(rs.get(1).get("reused_connection").asBoolean()).isTrue();
            assertThat(recorded.get(1).connectionIndex()).isEqualTo(recorded.get(0).connectionIndex());
            assertThat(recorded.get(1).exchangeIndex()).isEqualTo(1);
        }
    }

    @Test
    void extraHeaderIsSentAndCanReplaceOrRemoveDefaults() throws Exception {
        try (ScriptedServer server = okServer()) {
            GatherRun run = GatherRun.json("-H", "X-Custom: hello there", "-H", "Accept:", "-H", "User-Agent: mine/1.0",
                    "--header", "X-Second:  padded  ", server.url("/h"));
            assertThat(run.exitCode).as("%s", run).isZero();
            RecordedRequest r = server.takeRequest();
            assertThat(r.headers("X-Custom")).containsExactly("hello there");
            assertThat(r.headers("X-Second")).containsExactly("padded");
            assertThat(r.headers("Accept")).as("'Accept:' removes the default").isEmpty();
            assertThat(r.headers("User-Agent")).as("replaced, not added").containsExactly("mine/1.0");
            assertThat(r.headers("Host")).containsExactly("127.0.0.1:" + server.port());
        }
    }

    @Test
    void userAgentOption() throws Exception {
        try (ScriptedServer server = okServer()) {
            assertThat(GatherRun.json("-A", "agent/2 (test)", server.url("/a")).exitCode).isZero();
            assertThat(server.takeRequest().headers("User-Agent")).containsExactly("agent/2 (test)");
            assertThat(GatherRun.json("--user-agent", "other/3", server.url("/b")).exitCode).isZero();
            assertThat(server.takeRequest().headers("User-Agent")).containsExactly("other/3");
        }
    }

    @Test
    void dataTextIsPostedWithItsLength() throws Exception {
        try (ScriptedServer server = okServer()) {
            String data = "a=1&b=zwölf";
            GatherRun run = GatherRun.json("-d", data, server.url("/post"));
            assertThat(run.exitCode).as("%s", run).isZero();
            RecordedRequest r = server.takeRequest();
            byte[] expected = data.getBytes(StandardCharsets.UTF_8);
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.headers("Content-Length")).containsExactly(String.valueOf(expected.length));
            assertThat(r.chunked()).isFalse();
            assertThat(r.body()).isEqualTo(expected);
        }
    }

    @Test
    void dataWithMethodOverride() throws Exception {
        try (ScriptedServer server = okServer()) {
            GatherRun run = GatherRun.json("-X", "PUT", "-d", "{\"k\":1}", "-H", "Content-Type: application/json",
                    server.url("/put"));
            assertThat(run.exitCode).as("%s", run).isZero();
            RecordedRequest r = server.takeRequest();
            assertThat(r.method()).isEqualTo("PUT");
            assertThat(r.headers("Content-Type")).containsExactly("application/json");
            assertThat(r.bodyUtf8()).isEqualTo("{\"k\":1}");
        }
    }

    @Test
    void dataAtFileSendsTheFileBytesAndIsNotExpandedAsAnArgumentFile() throws Exception {
        // if picocli expanded "@file" into arguments, "--bogus-option" would become an unknown option
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes("--bogus-option x=1 http://127.0.0.1:1/\n".getBytes(StandardCharsets.US_ASCII));
        for (int b = 0; b < 256; b++) {
            content.write(b);
        }
        content.writeBytes("\r\n@tail".getBytes(StandardCharsets.US_ASCII));
        byte[] bytes = content.toByteArray();
        Path file = tmp.resolve("body.bin");
        Files.write(file, bytes);
        try (ScriptedServer server = okServer()) {
            GatherRun run = GatherRun.json("-d", "@" + file, server.url("/upload"));
            assertThat(run.exitCode).as("%s", run).isZero();
            assertThat(results(doc(run))).hasSize(1);
            RecordedRequest r = server.takeRequest();
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.headers("Content-Length")).containsExactly(String.valueOf(bytes.length));
            assertThat(r.body()).isEqualTo(bytes);
            assertThat(server.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void hostHeaderCarriesTheNameAndTheNonDefaultPort() throws Exception {
        // --resolve: the name as written goes into Host, the connection goes to the loopback server
        try (ScriptedServer server = okServer()) {
            GatherRun run = GatherRun.json("--resolve", "a.test:" + server.port() + ":127.0.0.1",
                    "http://A.test:" + server.port() + "/with-port");
            assertThat(run.exitCode).as("%s", run).isZero();
            assertThat(server.takeRequest().headers("Host")).containsExactly("a.test:" + server.port());
        }
    }

    @Test
    void hostHeaderOmitsTheDefaultPort() throws Exception {
        // through an HTTP proxy (the scripted server), http://a.test:80/ is asked for without connecting to port 80
        try (ScriptedServer proxy = okServer()) {
            GatherRun run = GatherRun.json("--proxy", proxy.url("/"), "http://a.test:80/x", "http://b.test/y");
            assertThat(run.exitCode).as("%s", run).isZero();
            List<RecordedRequest> recorded = proxy.recordedRequests();
            assertThat(recorded).extracting(RecordedRequest::target)
                    .containsExactlyInAnyOrder("http://a.test/x", "http://b.test/y");
            for (RecordedRequest r : recorded) {
                String host = r.target().substring("http://".length(), r.target().indexOf('/', "http://".length()));
                assertThat(r.headers("Host")).as("Host of %s", r.target()).containsExactly(host);
            }
        }
    }

    @Test
    void acceptStatusMakesA404Ok() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.setDispatcher(req -> ScriptedResponse.of(404).body("missing"));
            GatherRun run = GatherRun.json("--accept-status", "200-299,404", server.url("/nope"));
            assertThat(run.exitCode).as("%s", run).isZero();
            JsonNode r = run.result();
            assertThat(r.get("ok").asBoolean()).isTrue();
            assertThat(r.get("status").asInt()).isEqualTo(404);
            assertThat(r.get("error").isNull()).isTrue();
            assertThat(r.get("bytes").asLong()).isEqualTo(7);

            GatherRun strict = GatherRun.json(server.url("/nope"));
            assertThat(strict.exitCode).as("%s", strict).isEqualTo(1);
            assertThat(strict.errorKind(0)).isEqualTo("http_status");
        }
    }

    @Test
    void acceptStatusCanRejectA200() {
        try (ScriptedServer server = okServer()) {
            GatherRun run = GatherRun.json("--accept-status", "204", server.url("/x"));
            assertThat(run.exitCode).as("%s", run).isEqualTo(1);
            assertThat(run.errorKind(0)).isEqualTo("http_status");
            assertThat(run.result().get("status").asInt()).isEqualTo(200);
        }
    }

    @Test
    void redirectsAreFollowedByDefault() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.setDispatcher(req -> req.path().equals("/from") ? ScriptedResponse.redirect(302, "/to")
                    : ScriptedResponse.ok("arrived"));
            GatherRun run = GatherRun.json(server.url("/from"));
            assertThat(run.exitCode).as("%s", run).isZero();
            JsonNode r = run.result();
            assertThat(r.get("status").asInt()).isEqualTo(200);
            assertThat(r.get("redirects").asInt()).isEqualTo(1);
            assertThat(r.get("url").asText()).isEqualTo(server.url("/from"));
            assertThat(r.get("final_url").asText()).isEqualTo(server.url("/to"));
            assertThat(r.get("bytes").asLong()).isEqualTo(7);
        }
    }

    @Test
    void maxRedirectsZeroMakesThe302Final() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.setDispatcher(req -> req.path().equals("/from") ? ScriptedResponse.redirect(302, "/to")
                    : ScriptedResponse.ok("arrived"));
            GatherRun run = GatherRun.json("--max-redirects", "0", server.url("/from"));
            assertThat(run.exitCode).as("%s", run).isEqualTo(1);
            JsonNode r = run.result();
            assertThat(r.get("status").asInt()).isEqualTo(302);
            assertThat(r.get("redirects").asInt()).isZero();
            assertThat(r.get("final_url").asText()).isEqualTo(server.url("/from"));
            assertThat(run.errorKind(0)).isEqualTo("http_status");
            assertThat(server.recordedRequests()).extracting(RecordedRequest::path).containsExactly("/from");

            GatherRun accepted = GatherRun.json("--max-redirects", "0", "--accept-status", "200-399", server.url("/from"));
            assertThat(accepted.exitCode).as("%s", accepted).isZero();
            assertThat(accepted.result().get("ok").asBoolean()).isTrue();
            assertThat(accepted.result().get("status").asInt()).isEqualTo(302);
            assertThat(server.recordedRequests()).extracting(RecordedRequest::path).containsExactly("/from", "/from");
        }
    }
}
