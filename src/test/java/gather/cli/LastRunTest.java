package gather.cli;

import static gather.cli.CliTestSupport.assertNoStackTrace;
import static gather.cli.CliTestSupport.doc;
import static gather.cli.CliTestSupport.results;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gather.compare.Docs;
import gather.testing.GatherRun;
import gather.testing.RecordedRequest;
import gather.testing.ScriptedResponse;
import gather.testing.ScriptedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** --baseline OLD.json and --rerun-failed OLD.json on a run, end to end against a scripted server. */
@Timeout(30)
class LastRunTest {
    @TempDir
    Path dir;
    private ScriptedServer server;

    @BeforeEach
    void start() {
        server = ScriptedServer.plain();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The server answers each path with the status given (body: the path), 200 for any other. */
    private void answers(Map<String, Integer> statuses) {
        server.setDispatcher(req -> ScriptedResponse.ok("page " + req.path())
                .status(statuses.getOrDefault(req.path(), 200)));
    }

    /** Run 1: /a ok, /b 500, /c ok, /d 404 (-j 1: the server sees them in order); returns its summary file. */
    private Path firstRun() {
        answers(Map.of("/b", 500, "/d", 404));
        Path summary = dir.resolve("run1.json");
        GatherRun run = GatherRun.run("-q", "-j", "1", "--summary-file", summary.toString(),
                server.url("/a"), server.url("/b"), server.url("/c"), server.url("/d"));
        assertThat(run.exitCode).as("%s", run).isEqualTo(1);
        assertThat(server.recordedRequests()).extracting(RecordedRequest::path).containsExactly("/a", "/b", "/c", "/d");
        return summary;
    }

    private int requestsBefore;

    @Test
    void rerunFailedFetchesExactlyTheFailedUrlsInTheirOrder() {
        Path run1 = firstRun();
        requestsBefore = server.requestCount();
        answers(Map.of("/d", 404));
        GatherRun run = GatherRun.run("--json", "-j", "1", "--rerun-failed", run1.toString());
        assertThat(run.exitCode).as("%s", run).isEqualTo(1); // /d still fails
        assertThat(server.recordedRequests().subList(requestsBefore, server.requestCount()))
                .extracting(RecordedRequest::path).containsExactly("/b", "/d");
        JsonNode doc = doc(run);
        assertThat(results(doc)).extracting(r -> r.get("url").asText()).containsExactly(server.url("/b"), server.url("/d"));
        assertThat(results(doc)).extracting(r -> r.get("index").asInt()).containsExactly(0, 1);
        assertThat(results(doc)).extracting(r -> r.get("ok").asBoolean()).containsExactly(true, false);
    }

    @Test
    void rerunFailedUsesThisCommandLinesOptions() {
        Path run1 = firstRun();
        requestsBefore = server.requestCount();
        GatherRun run = GatherRun.run("--json", "--accept-status", "200-599", "-H", "X-Again: yes",
                "--rerun-failed", run1.toString());
        assertThat(run.exitCode).as("%s", run).isZero(); // 500 and 404 accepted now
        assertThat(server.recordedRequests().subList(requestsBefore, server.requestCount()))
                .allSatisfy(r -> assertThat(r.header("X-Again")).isEqualTo("yes")).hasSize(2);
    }

    @Test
    void rerunFailedWithNothingFailedIsAnEmptyRunThatSucceeds() throws Exception {
        Path allOk = Docs.write(dir, "ok.json", Docs.doc(Docs.ok(server.url("/a"), 200, null, 1)));
        GatherRun run = GatherRun.run("--json", "--rerun-failed", allOk.toString());
        assertThat(run.exitCode).as("%s", run).isZero();
        JsonNode doc = doc(run);
        assertThat(doc.get("totals").get("urls").asInt()).isZero();
        assertThat(doc.get("results")).isEmpty();
        assertThat(run.err).contains("nothing to re-run: " + allOk + " has no failed result");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void rerunFailedWithUrlsOrInputIsAUsageError() throws Exception {
        Path run1 = Docs.write(dir, "run1.json", Docs.doc(Docs.failed(server.url("/a"), 500, "http_status")));
        Path list = Files.writeString(dir.resolve("list.txt"), server.url("/x") + "\n");
        GatherRun withUrl = GatherRun.run("--rerun-failed", run1.toString(), server.url("/x"));
        GatherRun withInput = GatherRun.run("--rerun-failed", run1.toString(), "-i", list.toString());
        for (GatherRun r : new GatherRun[] {withUrl, withInput}) {
            assertThat(r.exitCode).as("%s", r).isEqualTo(2);
            assertThat(r.err).contains("--rerun-failed takes its URLs from " + run1);
            assertNoStackTrace(r);
        }
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void aBadBaselineOrRerunFileIsExitTwoBeforeAnyRequest() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "not json");
        Path newer = Files.writeString(dir.resolve("newer.json"), "{\"schema\":2,\"tool\":\"gather\",\"results\":[]}");
        GatherRun a = GatherRun.run("--baseline", bad.toString(), server.url("/a"));
        GatherRun b = GatherRun.run("--rerun-failed", newer.toString());
        GatherRun c = GatherRun.run("--baseline", dir.resolve("none.json").toString(), server.url("/a"));
        assertThat(a.exitCode).as("%s", a).isEqualTo(2);
        assertThat(a.err).contains("cannot use --baseline " + bad + ": not JSON");
        assertThat(b.exitCode).as("%s", b).isEqualTo(2);
        assertThat(b.err).contains("cannot use --rerun-failed " + newer + ": schema 2 is newer");
        assertThat(c.exitCode).as("%s", c).isEqualTo(2);
        assertThat(c.err).contains("none.json: no such file");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void baselineShowsTheComparisonAfterTheSummaryAndARegressionFailsTheRun() {
        Path run1 = firstRun();
        answers(Map.of("/a", 503, "/d", 404)); // /a newly fails, /b recovers, /d still fails
        GatherRun run = GatherRun.run("-j", "1", "--baseline", run1.toString(),
                server.url("/a"), server.url("/b"), server.url("/c"), server.url("/d"), server.url("/e"));
        assertThat(run.exitCode).as("%s", run).isEqualTo(1);
        String out = run.out;
        int summary = out.indexOf("5 URLs: 3 ok, 2 failed");
        int comparison = out.indexOf("against --baseline " + run1 + ": 4 matched, 1 added, 0 removed");
        assertThat(summary).as(out).isNotNegative();
        assertThat(comparison).as(out).isGreaterThan(summary);
        assertThat(out.substring(comparison)).contains("REGRESSED: 1 new failure; also 1 recovery, 1 still failing")
                .contains("new failures (1):\n  " + server.url("/a") + "  200 ok -> 503 http_status")
                .contains("recoveries (1):\n  " + server.url("/b") + "  500 http_status -> 200 ok")
                .contains("added (1):\n  " + server.url("/e") + "  200 ok");
    }

    @Test
    void aRegressionThatIsNoFailureStillFailsTheRun() {
        answers(Map.of());
        Path run1 = dir.resolve("run1.json");
        assertThat(GatherRun.run("-q", "--summary-file", run1.toString(), server.url("/a")).exitCode).isZero();
        answers(Map.of("/a", 204)); // still ok, but another status
        GatherRun run = GatherRun.run("--json", "--baseline", run1.toString(), server.url("/a"));
        assertThat(run.exitCode).as("%s", run).isEqualTo(1);
        // --json: stdout is the contract's document, unchanged; the comparison goes with the human lines to stderr
        JsonNode doc = doc(run);
        assertThat(doc.get("totals").get("failed").asInt()).isZero();
        assertThat(doc.has("baseline")).isFalse();
        assertThat(run.err).contains("REGRESSED: 1 status change").contains("status changes (1):\n  "
                + server.url("/a") + "  200 -> 204");
    }

    @Test
    void recoveriesAloneKeepTheRunGreen() {
        Path run1 = firstRun();
        answers(Map.of());
        GatherRun run = GatherRun.run("-q", "--baseline", run1.toString(),
                server.url("/a"), server.url("/b"), server.url("/c"), server.url("/d"));
        assertThat(run.exitCode).as("%s", run).isZero();
        assertThat(run.out).doesNotContain("baseline").doesNotContain("recover"); // -q: no comparison printed
        assertThat(run.err).isEmpty();
    }
}
