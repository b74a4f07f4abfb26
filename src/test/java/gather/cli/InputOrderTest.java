package gather.cli;

import static gather.cli.CliTestSupport.doc;
import static gather.cli.CliTestSupport.lines;
import static gather.cli.CliTestSupport.results;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gather.testing.GatherRun;
import gather.testing.RecordedRequest;
import gather.testing.ScriptedResponse;
import gather.testing.ScriptedServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** results[] is in input order and index is the position in the combined input (arguments, then file lines). */
@Timeout(20)
class InputOrderTest {
    @TempDir
    Path tmp;

    /** Echoes the path as the body. */
    private static ScriptedServer echo() {
        ScriptedServer server = ScriptedServer.plain();
        server.setDispatcher(req -> ScriptedResponse.ok("body of " + req.path()));
        return server;
    }

    @Test
    void resultsAreInInputOrderWhenTheFirstFinishesLast() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            CountDownLatch othersAnswered = new CountDownLatch(2);
            server.setDispatcher(req -> {
                if (req.path().equals("/first")) {
                    try {
                        // hold the first URL until the other two were answered, then a little longer
                        othersAnswered.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return ScriptedResponse.ok("first").delay(Duration.ofMillis(300));
                }
                othersAnswered.countDown();
                return ScriptedResponse.ok(req.path().substring(1));
            });
            // --json: the human lines (finish order) go to stderr, the document (input order) to stdout
            GatherRun run = GatherRun.json(server.url("/first"), server.url("/second"), server.url("/third"));
            assertThat(run.exitCode).as("%s", run).isZero();
            List<JsonNode> rs = results(doc(run));
            assertThat(rs).extracting(r -> r.get("index").asInt()).containsExactly(0, 1, 2);
            assertThat(rs).extracting(r -> r.get("url").asText())
                    .containsExactly(server.url("/first"), server.url("/second"), server.url("/third"));
            assertThat(rs).extracting(r -> r.get("bytes").asInt()).containsExactly(5, 6, 5);
            // the precondition: /first really finished last
            List<String> human = lines(run.err).stream().filter(l -> l.contains(server.url("/"))).toList();
            assertThat(human).hasSize(3);
            assertThat(human.get(2)).as("finish order on stderr: %s", human).contains(server.url("/first"));
        }
    }

    @Test
    void indexCountsArgumentsFirstThenFileLinesHoldingAUrl() throws Exception {
        try (ScriptedServer server = echo()) {
            Path input = tmp.resolve("urls.txt");
            Files.writeString(input, String.join("\n",
                    "# a comment line",
                    "",
                    "   " + server.url("/file1") + "   ",
                    "\t",
                    "   # an indented comment",
                    "\t" + server.url("/file2"),
                    "") , StandardCharsets.UTF_8);
            GatherRun run = GatherRun.json(server.url("/arg1"), server.url("/arg2"), "-i", input.toString());
            assertThat(run.exitCode).as("%s", run).isZero();
            List<JsonNode> rs = results(doc(run));
            assertThat(rs).extracting(r -> r.get("index").asInt()).containsExactly(0, 1, 2, 3);
            assertThat(rs).extracting(r -> r.get("url").asText()).containsExactly(server.url("/arg1"),
                    server.url("/arg2"), server.url("/file1"), server.url("/file2"));
            assertThat(rs).allSatisfy(r -> assertThat(r.get("ok").asBoolean()).isTrue());
            assertThat(doc(run).get("totals").get("urls").asInt()).isEqualTo(4);
            assertThat(server.recordedRequests()).extracting(RecordedRequest::path)
                    .containsExactlyInAnyOrder("/arg1", "/arg2", "/file1", "/file2");
        }
    }

    @Test
    void crlfLineEndingsAreTrimmed() throws Exception {
        try (ScriptedServer server = echo()) {
            Path input = tmp.resolve("crlf.txt");
            Files.writeString(input, "# windows\r\n" + server.url("/one") + "\r\n\r\n" + server.url("/two") + "\r\n");
            GatherRun run = GatherRun.json("-i", input.toString());
            assertThat(run.exitCode).as("%s", run).isZero();
            assertThat(results(doc(run))).extracting(r -> r.get("url").asText())
                    .containsExactly(server.url("/one"), server.url("/two"));
        }
    }

    @Test
    void dashReadsUrlsFromStdin() {
        try (ScriptedServer server = echo()) {
            String stdin = "# from a pipe\n\n  " + server.url("/in1") + "\n" + server.url("/in2") + "  \n";
            GatherRun run = GatherRun.run(stdin, Map.of(), "--json", server.url("/arg"), "-i", "-");
            assertThat(run.exitCode).as("%s", run).isZero();
            List<JsonNode> rs = results(doc(run));
            assertThat(rs).extracting(r -> r.get("index").asInt()).containsExactly(0, 1, 2);
            assertThat(rs).extracting(r -> r.get("url").asText())
                    .containsExactly(server.url("/arg"), server.url("/in1"), server.url("/in2"));
            assertThat(rs).extracting(r -> r.get("bytes").asInt())
                    .containsExactly("body of /arg".length(), "body of /in1".length(), "body of /in2".length());
        }
    }

    @Test
    void badLinesBecomeFailedResultsAndTheOthersAreStillFetched() throws Exception {
        try (ScriptedServer server = echo()) {
            Path input = tmp.resolve("mixed.txt");
            Files.writeString(input, String.join("\n",
                    server.url("/before"),
                    "http://exa mple.com:99999/",
                    "ftp://x/",
                    server.url("/after"),
                    ""));
            GatherRun run = GatherRun.json("-i", input.toString());
            assertThat(run.exitCode).as("a bad URL is a failed result, not a usage error: %s", run).isEqualTo(1);
            JsonNode doc = doc(run);
            List<JsonNode> rs = results(doc);
            assertThat(rs).extracting(r -> r.get("index").asInt()).containsExactly(0, 1, 2, 3);
            assertThat(rs.get(0).get("ok").asBoolean()).isTrue();
            assertThat(run.errorKind(1)).isEqualTo("invalid_url");
            assertThat(rs.get(1).get("url").asText()).contains("exa");
            assertThat(rs.get(1).get("attempts").asInt()).isZero();
            assertThat(run.errorKind(2)).isEqualTo("unsupported_scheme");
            assertThat(rs.get(2).get("url").asText()).contains("ftp");
            assertThat(rs.get(3).get("ok").asBoolean()).isTrue();
            assertThat(rs.get(3).get("url").asText()).isEqualTo(server.url("/after"));
            assertThat(doc.get("totals").get("errors").get("invalid_url").asInt()).isEqualTo(1);
            assertThat(doc.get("totals").get("errors").get("unsupported_scheme").asInt()).isEqualTo(1);
            assertThat(server.recordedRequests()).extracting(RecordedRequest::path)
                    .containsExactlyInAnyOrder("/before", "/after");
        }
    }

    @Test
    void badUrlAsAnArgumentIsAlsoAFailedResult() {
        try (ScriptedServer server = echo()) {
            GatherRun run = GatherRun.json("ftp://x/", server.url("/ok"));
            assertThat(run.exitCode).as("%s", run).isEqualTo(1);
            assertThat(run.errorKind(0)).isEqualTo("unsupported_scheme");
            assertThat(run.errorKind(1)).isNull();
            assertThat(server.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void urlWithoutSchemeGetsHttp() throws Exception {
        try (ScriptedServer server = echo()) {
            String bare = "127.0.0.1:" + server.port() + "/bare";
            Path input = tmp.resolve("bare.txt");
            Files.writeString(input, "127.0.0.1:" + server.port() + "/fromfile\n");
            GatherRun run = GatherRun.json(bare, "-i", input.toString());
            assertThat(run.exitCode).as("%s", run).isZero();
            List<JsonNode> rs = results(doc(run));
            assertThat(rs.get(0).get("url").asText()).isEqualTo("http://" + bare);
            assertThat(rs.get(0).get("final_url").asText()).isEqualTo("http://" + bare);
            assertThat(rs.get(1).get("url").asText()).isEqualTo(server.url("/fromfile"));
            assertThat(rs).allSatisfy(r -> assertThat(r.get("tls").isNull()).isTrue());
            assertThat(server.recordedRequests()).extracting(RecordedRequest::path)
                    .containsExactlyInAnyOrder("/bare", "/fromfile");
        }
    }
}
