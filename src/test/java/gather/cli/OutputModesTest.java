package gather.cli;

import static gather.cli.CliTestSupport.doc;
import static gather.cli.CliTestSupport.lines;
import static gather.cli.CliTestSupport.results;
import static gather.cli.CliTestSupport.strictJson;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Default, --json, --jsonl, --summary-file and -q: what goes where. */
@Timeout(20)
class OutputModesTest {
    @TempDir
    Path tmp;

    private static ScriptedServer server() {
        ScriptedServer server = ScriptedServer.plain();
        server.setDispatcher(req -> req.path().startsWith("/missing") ? ScriptedResponse.of(404).body("gone")
                : ScriptedResponse.ok("page " + req.path()));
        return server;
    }

    /** Index of the first line of stdout starting with '{' (the JSON document in default mode). */
    private static int jsonStart(List<String> allLines) {
        for (int i = 0; i < allLines.size(); i++) {
            if (allLines.get(i).startsWith("{")) {
                return i;
            }
        }
        throw new AssertionError("no line starting with '{' in stdout:\n" + String.join("\n", allLines));
    }

    /** The summary object's members, in order: the --jsonl last line's, never "results". */
    private static final List<String> SUMMARY_MEMBERS = List.of("schema", "tool", "version", "started", "wall_ms", "totals",
            "interrupted", "not_started", "shard");

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void defaultModeWritesHumanLinesThenTheSummaryLineThenTheIndentedSummaryObjectWithoutResults() {
        try (ScriptedServer server = server()) {
            String ok = server.url("/page");
            String missing = server.url("/missing");
            GatherRun run = GatherRun.run(ok, missing);
            assertThat(run.exitCode).as("%s", run).isEqualTo(1);
            List<String> all = List.of(run.out.split("\n", -1));
            int start = jsonStart(all);
            List<String> human = all.subList(0, start);
            assertThat(human).as("one line per URL, then the summary's two lines: %s", run).hasSize(4);
            assertThat(human.subList(0, 2)).as("one human line per URL, each containing its URL")
                    .anySatisfy(l -> assertThat(l).contains(ok))
                    .anySatisfy(l -> assertThat(l).contains(missing));
            assertThat(human.stream().filter(l -> l.contains(missing)).findFirst().orElseThrow()).contains("404");
            assertThat(human.get(2)).startsWith("2 URLs: 1 ok, 1 failed (http_status 1); ")
                    .contains("URLs in flight (sum of per-URL times / wall time)");
            assertThat(human.get(3)).startsWith("latency: p50 ");
            String block = String.join("\n", all.subList(start, all.size()));
            assertThat(block).as("indented for a terminal").startsWith("{\n  \"schema\": 1,\n").endsWith("\n}\n")
                    .doesNotContain(ok).doesNotContain(missing).doesNotContain("results");
            JsonNode summary = strictJson(block);
            assertThat(names(summary)).isEqualTo(SUMMARY_MEMBERS);
            assertThat(summary.get("totals").get("urls").asInt()).isEqualTo(2);
            assertThat(summary.get("totals").get("failed").asInt()).isEqualTo(1);
            assertThat(summary.get("totals").get("errors").get("http_status").asInt()).isEqualTo(1);
            assertThat(run.err).as("nothing on stderr in default mode (not a terminal)").isEmpty();
        }
    }

    @Test
    void jsonModeWritesOnlyTheDocumentToStdoutAndHumanLinesToStderr() {
        try (ScriptedServer server = server()) {
            String a = server.url("/a");
            String b = server.url("/missing");
            GatherRun run = GatherRun.json(a, b);
            assertThat(run.exitCode).as("%s", run).isEqualTo(1);
            JsonNode doc = doc(run); // strict: nothing but the document
            assertThat(names(doc)).containsExactly("schema", "tool", "version", "started", "wall_ms", "totals", "interrupted",
                    "not_started", "shard", "results");
            assertThat(results(doc)).extracting(r -> r.get("url").asText()).containsExactly(a, b);
            assertThat(run.out.lines().toList()).as("the summary on the first line, a result per line, then the end")
                    .hasSize(4).endsWith("]}");
            List<String> err = lines(run.err);
            assertThat(err).as("the two human lines and the summary's two lines, no JSON: %s", run).hasSize(4);
            assertThat(err).anySatisfy(l -> assertThat(l).contains(a));
            assertThat(err).anySatisfy(l -> assertThat(l).contains(b));
            assertThat(err.get(2)).startsWith("2 URLs: 1 ok, 1 failed");
            assertThat(run.err).doesNotContain("{");
        }
    }

    @Test
    void jsonlWritesOneResultPerLineAsEachFinishesThenOneSummaryLine() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            CountDownLatch fastAnswered = new CountDownLatch(1);
            server.setDispatcher(req -> {
                if (req.path().equals("/slow")) {
                    try {
                        fastAnswered.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return ScriptedResponse.ok("slow").delay(Duration.ofMillis(300));
                }
                fastAnswered.countDown();
                return ScriptedResponse.ok("fast");
            });
            String slow = server.url("/slow");
            String fast = server.url("/fast");
            GatherRun run = GatherRun.run("--jsonl", slow, fast);
            assertThat(run.exitCode).as("%s", run).isZero();
            String[] out = run.out.split("\n");
            assertThat(out).as("two result lines and one summary line: %s", run).hasSize(3);
            List<JsonNode> parsed = new ArrayList<>();
            for (String line : out) {
                parsed.add(strictJson(line));
            }
            JsonNode first = parsed.get(0);
            JsonNode second = parsed.get(1);
            // as each finishes: the fast URL (index 1) comes out before the slow one (index 0)
            assertThat(first.get("url").asText()).isEqualTo(fast);
            assertThat(first.get("index").asInt()).isEqualTo(1);
            assertThat(second.get("url").asText()).isEqualTo(slow);
            assertThat(second.get("index").asInt()).isEqualTo(0);
            JsonSchemaTest.assertResultShape(first, 1);
            JsonSchemaTest.assertResultShape(second, 0);
            JsonNode summary = parsed.get(2);
            assertThat(summary.has("results")).as("the summary line holds no results").isFalse();
            assertThat(summary.get("schema").asInt()).isEqualTo(1);
            assertThat(summary.get("tool").asText()).isEqualTo("gather");
            assertThat(summary.get("totals").get("urls").asInt()).isEqualTo(2);
            assertThat(summary.get("totals").get("ok").asInt()).isEqualTo(2);
            assertThat(summary.get("totals").get("bytes").asInt()).isEqualTo(8);
            assertThat(summary.has("wall_ms")).isTrue();
            assertThat(lines(run.err)).as("human lines go to stderr").anySatisfy(l -> assertThat(l).contains(slow));
        }
    }

    @Test
    void jsonlFailedResultCarriesItsError() {
        try (ScriptedServer server = server()) {
            GatherRun run = GatherRun.run("--jsonl", "-q", server.url("/missing"));
            assertThat(run.exitCode).as("%s", run).isEqualTo(1);
            String[] out = run.out.split("\n");
            assertThat(out).hasSize(2);
            JsonNode r = strictJson(out[0]);
            assertThat(r.get("ok").asBoolean()).isFalse();
            assertThat(r.get("status").asInt()).isEqualTo(404);
            assertThat(r.get("error").get("kind").asText()).isEqualTo("http_status");
            assertThat(strictJson(out[1]).get("totals").get("errors").get("http_status").asInt()).isEqualTo(1);
            assertThat(run.err).as("-q").isEmpty();
        }
    }

    @Test
    void summaryFileHoldsTheSameDocument() throws Exception {
        try (ScriptedServer server = server()) {
            Path file = tmp.resolve("summary.json");
            GatherRun run = GatherRun.json("--summary-file", file.toString(), server.url("/a"), server.url("/missing"));
            assertThat(run.exitCode).as("%s", run).isEqualTo(1);
            JsonNode stdout = doc(run);
            JsonNode saved = strictJson(Files.readString(file, StandardCharsets.UTF_8));
            assertThat(saved.get("totals")).isEqualTo(stdout.get("totals"));
            assertThat(saved.get("results")).isEqualTo(stdout.get("results"));
            assertThat(saved.get("started")).isEqualTo(stdout.get("started"));
        }
    }

    @Test
    void summaryFileWithJsonlHoldsTheFullDocumentInInputOrder() throws Exception {
        try (ScriptedServer server = server()) {
            Path file = tmp.resolve("summary.json");
            GatherRun run = GatherRun.run("--jsonl", "--summary-file", file.toString(), server.url("/a"),
                    server.url("/b"), server.url("/missing"));
            assertThat(run.exitCode).as("%s", run).isEqualTo(1);
            String[] out = run.out.split("\n");
            assertThat(out).hasSize(4);
            JsonNode summaryLine = strictJson(out[3]);
            JsonNode saved = strictJson(Files.readString(file, StandardCharsets.UTF_8));
            assertThat(saved.get("totals")).isEqualTo(summaryLine.get("totals"));
            assertThat(results(saved)).extracting(r -> r.get("index").asInt()).containsExactly(0, 1, 2);
            assertThat(results(saved)).extracting(r -> r.get("url").asText())
                    .containsExactly(server.url("/a"), server.url("/b"), server.url("/missing"));
        }
    }

    @Test
    void summaryFileInDefaultModeHoldsEveryResultWhileStdoutHoldsOnlyTheTotals() throws Exception {
        try (ScriptedServer server = server()) {
            Path file = tmp.resolve("summary.json");
            GatherRun run = GatherRun.run("--summary-file", file.toString(), server.url("/a"), server.url("/b"));
            assertThat(run.exitCode).as("%s", run).isZero();
            List<String> all = List.of(run.out.split("\n", -1));
            int start = jsonStart(all);
            JsonNode stdout = strictJson(String.join("\n", all.subList(start, all.size())));
            JsonNode saved = strictJson(Files.readString(file, StandardCharsets.UTF_8));
            assertThat(stdout.has("results")).isFalse();
            assertThat(saved.get("totals")).isEqualTo(stdout.get("totals"));
            assertThat(saved.get("started")).isEqualTo(stdout.get("started"));
            assertThat(results(saved)).extracting(r -> r.get("url").asText())
                    .containsExactly(server.url("/a"), server.url("/b"));
        }
    }

    @Test
    void quietWithJsonLeavesStderrEmpty() {
        try (ScriptedServer server = server()) {
            GatherRun run = GatherRun.json("-q", server.url("/a"), server.url("/missing"));
            assertThat(run.exitCode).as("%s", run).isEqualTo(1);
            assertThat(run.err).isEmpty();
            assertThat(results(doc(run))).hasSize(2);
        }
    }

    @Test
    void quietAloneWritesNothingAtAllAndStillSetsTheExitCode() {
        try (ScriptedServer server = server()) {
            GatherRun ok = GatherRun.run("-q", server.url("/a"));
            assertThat(ok.exitCode).as("%s", ok).isZero();
            assertThat(ok.out).isEmpty();
            assertThat(ok.err).isEmpty();
            GatherRun failed = GatherRun.run("-q", server.url("/a"), server.url("/missing"));
            assertThat(failed.exitCode).as("%s", failed).isEqualTo(1);
            assertThat(failed.out).isEmpty();
            assertThat(failed.err).isEmpty();
            assertThat(server.requestCount()).isEqualTo(3);
        }
    }

    @Test
    void quietWithASummaryFileWritesOnlyTheFile() throws Exception {
        try (ScriptedServer server = server()) {
            Path file = tmp.resolve("summary.json");
            GatherRun run = GatherRun.run("-q", "--summary-file", file.toString(), server.url("/a"));
            assertThat(run.exitCode).as("%s", run).isZero();
            assertThat(run.out).isEmpty();
            assertThat(run.err).isEmpty();
            assertThat(results(strictJson(Files.readString(file, StandardCharsets.UTF_8)))).hasSize(1);
        }
    }

    @Test
    void userInfoIsSentAsBasicAuthAndNeverPrinted() throws Exception {
        try (ScriptedServer server = server()) {
            String withAuth = "http://user:secret@127.0.0.1:" + server.port() + "/private";
            String failing = "http://user:secret@127.0.0.1:" + server.port() + "/missing";
            String invalid = "http://user:secret@exa mple.com/";
            Path file = tmp.resolve("summary.json");
            for (List<String> mode : List.of(List.<String>of(), List.of("--json"), List.of("--jsonl"))) {
                List<String> args = new ArrayList<>(mode);
                args.addAll(List.of("--summary-file", file.toString(), withAuth, failing, invalid));
                GatherRun run = GatherRun.run(args.toArray(String[]::new));
                assertThat(run.exitCode).as("%s", run).isEqualTo(1);
                assertThat(run.out).as("stdout in mode %s", mode).doesNotContain("secret").contains("/private");
                assertThat(run.err).as("stderr in mode %s", mode).doesNotContain("secret");
                assertThat(Files.readString(file)).as("summary file").doesNotContain("secret");
            }
            String expected = "Basic " + Base64.getEncoder().encodeToString("user:secret".getBytes(StandardCharsets.UTF_8));
            List<RecordedRequest> recorded = server.recordedRequests();
            assertThat(recorded).hasSize(6);
            assertThat(recorded).allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo(expected));
        }
    }

    @Test
    void unwritableSummaryFileIsReportedCleanly() {
        // a summary file that cannot be written makes the command line unusable: exit 2 before anything
        // is fetched, said in plain words, without a Java exception name or a stack trace
        try (ScriptedServer server = server()) {
            Path file = tmp.resolve("no-such-dir").resolve("summary.json");
            GatherRun run = GatherRun.json("--summary-file", file.toString(), server.url("/a"));
            assertThat(run.exitCode).as("%s", run).isEqualTo(2);
            assertThat(run.out).isEmpty();
            assertThat(run.err).as("%s", run).contains(file.toString());
            assertThat(server.requestCount()).isZero();
            CliTestSupport.assertNoStackTrace(run);
        }
    }
}
