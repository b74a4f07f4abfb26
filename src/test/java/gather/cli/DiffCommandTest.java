package gather.cli;

import static gather.cli.CliTestSupport.assertNoStackTrace;
import static gather.cli.CliTestSupport.strictJson;
import static gather.compare.Docs.doc;
import static gather.compare.Docs.failed;
import static gather.compare.Docs.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gather.compare.Docs;
import gather.testing.GatherRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gather diff OLD.json NEW.json, end to end through the command line: output and exit status 0, 1, 2. */
class DiffCommandTest {
    private static final String H1 = "1".repeat(64);
    private static final String H2 = "2".repeat(64);

    @TempDir
    Path dir;

    private Path file(String name, String text) {
        return Docs.write(dir, name, text);
    }

    @Test
    void nothingRegressedExitsZeroAndSaysSo() {
        Path old = file("old.json", doc(ok("http://h/a", 200, H1, 40), failed("http://h/b", null, "connect")));
        Path now = file("new.json", doc(ok("http://h/a", 200, H2, 41), ok("http://h/b", 200, H1, 30)));
        GatherRun run = GatherRun.run("diff", old.toString(), now.toString());
        assertThat(run.exitCode).as("%s", run).isZero();
        assertThat(run.out).contains("gather diff: " + old + " -> " + now + ": 2 matched, 0 added, 0 removed")
                .contains("no regression: 1 recovery, 1 body change")
                .contains("recoveries (1):\n  http://h/b  --- connect -> 200 ok")
                .contains("body changes (1):\n  http://h/a  sha256 111111111111 -> 222222222222")
                .doesNotContain("new failures");
        assertThat(run.err).isEmpty();
    }

    @Test
    void aRegressionExitsOneAndListsIt() {
        Path old = file("old.json", doc(ok("http://h/a", 200, H1, 40), ok("http://h/c", 200, H1, 40),
                ok("http://h/gone", 200, H1, 1)));
        Path now = file("new.json", doc(failed("http://h/a", 503, "http_status"), ok("http://h/c", 200, H1, 400),
                failed("http://h/new", null, "dns")));
        GatherRun run = GatherRun.run("diff", old.toString(), now.toString());
        assertThat(run.exitCode).as("%s", run).isEqualTo(1);
        assertThat(run.out).contains("2 matched, 1 added, 1 removed")
                .contains("REGRESSED: 1 new failure, 1 added URL failed, 1 latency regression")
                .contains("new failures (1):\n  http://h/a  200 ok -> 503 http_status")
                .contains("latency regressions (beyond 50.0% and 100.0 ms) (1):\n"
                        + "  http://h/c  40.0 ms -> 400.0 ms (+360.0 ms, +900%)")
                .contains("added (1):\n  http://h/new  --- dns")
                .contains("removed (1):\n  http://h/gone  200 ok");
        // a wider threshold takes the latency regression away, the new failure stays
        GatherRun wide = GatherRun.run("diff", "--latency-threshold", "1000%", old.toString(), now.toString());
        assertThat(wide.exitCode).isEqualTo(1);
        assertThat(wide.out).contains("REGRESSED: 1 new failure, 1 added URL failed\n");
    }

    @Test
    void jsonIsOneObjectWithTheCategories() {
        Path old = file("old.json", doc(ok("http://h/a", 200, H1, 40), ok("http://h/s", 200, H1, 40)));
        Path now = file("new.json", doc(ok("http://h/a", 200, H1, 40), ok("http://h/s", 204, H1, 40)));
        GatherRun run = GatherRun.run("diff", "--json", old.toString(), now.toString());
        assertThat(run.exitCode).as("%s", run).isEqualTo(1);
        JsonNode d = strictJson(run.out);
        assertThat(d.get("schema").asInt()).isEqualTo(1);
        assertThat(d.get("tool").asText()).isEqualTo("gather");
        assertThat(d.get("kind").asText()).isEqualTo("diff");
        assertThat(d.get("old").asText()).isEqualTo(old.toString());
        assertThat(d.get("regressed").asBoolean()).isTrue();
        assertThat(d.get("latency_threshold").get("ratio").asDouble()).isEqualTo(0.5);
        assertThat(d.get("latency_threshold").get("floor_ms").asDouble()).isEqualTo(100.0);
        assertThat(d.get("counts").get("matched").asInt()).isEqualTo(2);
        assertThat(d.get("counts").get("status_changes").asInt()).isEqualTo(1);
        assertThat(d.get("counts").get("new_failures").asInt()).isZero();
        JsonNode change = d.get("status_changes").get(0);
        assertThat(change.get("url").asText()).isEqualTo("http://h/s");
        assertThat(change.get("old").get("status").asInt()).isEqualTo(200);
        assertThat(change.get("new").get("status").asInt()).isEqualTo(204);
        assertThat(change.get("new").get("index").asInt()).isEqualTo(1);
        assertThat(change.get("new").get("line").isNull()).isTrue();
        for (String list : new String[] {"new_failures", "recoveries", "still_failing", "body_changes",
            "latency_regressions", "added", "removed"}) {
            assertThat(d.get(list).isArray()).as(list).isTrue();
            assertThat(d.get(list)).as(list).isEmpty();
        }
    }

    @Test
    void quietPrintsNothingButKeepsTheStatus() {
        Path old = file("old.json", doc(ok("http://h/a", 200, H1, 40)));
        Path now = file("new.json", doc(failed("http://h/a", 500, "http_status")));
        GatherRun run = GatherRun.run("diff", "-q", old.toString(), now.toString());
        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.out).isEmpty();
    }

    @Test
    void anUnusableFileExitsTwoNamingTheFile() {
        Path good = file("good.json", doc(ok("http://h/a", 200, H1, 40)));
        Path notJson = file("notjson.json", "<html>");
        Path newer = file("newer.json", "{\"schema\":9,\"tool\":\"gather\",\"results\":[]}");
        Path jsonl = file("line.json", "{\"schema\":1,\"tool\":\"gather\",\"totals\":{\"urls\":1}}");

        GatherRun a = GatherRun.run("diff", good.toString(), notJson.toString());
        assertThat(a.exitCode).isEqualTo(2);
        assertThat(a.err).startsWith("gather diff: " + notJson + ": not JSON (");
        assertThat(a.out).isEmpty();
        GatherRun b = GatherRun.run("diff", newer.toString(), good.toString());
        assertThat(b.exitCode).isEqualTo(2);
        assertThat(b.err).contains(newer + ": schema 9 is newer than this gather reads (1)");
        GatherRun c = GatherRun.run("diff", "--json", good.toString(), jsonl.toString());
        assertThat(c.exitCode).isEqualTo(2);
        assertThat(c.err).contains(jsonl + ": not a gather summary document: no \"results\" array");
        assertThat(c.out).isEmpty();
        GatherRun d = GatherRun.run("diff", good.toString(), dir.resolve("missing.json").toString());
        assertThat(d.exitCode).isEqualTo(2);
        assertThat(d.err).contains("missing.json: no such file");
        for (GatherRun r : new GatherRun[] {a, b, c, d}) {
            assertNoStackTrace(r);
        }
    }

    @Test
    void helpDescribesTheThresholdWithoutPicocliWarnings() {
        // a help text that String.format cannot take (a bare %) makes picocli warn on System.err itself
        java.io.PrintStream realErr = System.err;
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            for (String[] args : new String[][] {{"diff", "--help"}, {"--help"}}) {
                GatherRun run = GatherRun.run(args);
                assertThat(run.exitCode).as("%s", run).isZero();
                assertThat(run.out).contains("--latency-threshold").contains("default: 50%,100ms");
                assertThat(run.err).isEmpty();
            }
        } finally {
            System.setErr(realErr);
        }
        assertThat(warnings.toString(java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void usageErrorsExitTwo() {
        Path good = file("good.json", doc(ok("http://h/a", 200, H1, 40)));
        GatherRun one = GatherRun.run("diff", good.toString());
        assertThat(one.exitCode).isEqualTo(2);
        assertThat(one.err).contains("NEW");
        GatherRun badThreshold = GatherRun.run("diff", "--latency-threshold", "fast", good.toString(), good.toString());
        assertThat(badThreshold.exitCode).isEqualTo(2);
        assertThat(badThreshold.err).contains("'fast' is not a latency threshold");
        assertNoStackTrace(badThreshold);
    }

    @Test
    void twoRealRunsOfTheSameServerDoNotRegress() {
        // a document gather itself wrote is read back: the reader follows the writer
        try (gather.testing.ScriptedServer server = gather.testing.ScriptedServer.plain()) {
            server.setDispatcher(req -> gather.testing.ScriptedResponse.ok("body of " + req.path()));
            Path one = dir.resolve("one.json");
            Path two = dir.resolve("two.json");
            assertThat(GatherRun.run("-q", "--summary-file", one.toString(), server.url("/a"), server.url("/b")).exitCode)
                    .isZero();
            assertThat(GatherRun.run("-q", "--summary-file", two.toString(), server.url("/a"), server.url("/b")).exitCode)
                    .isZero();
            GatherRun run = GatherRun.run("diff", "--json", "--latency-threshold", "50%,10s", one.toString(), two.toString());
            assertThat(run.exitCode).as("%s", run).isZero();
            JsonNode d = strictJson(run.out);
            assertThat(d.get("counts").get("matched").asInt()).isEqualTo(2);
            assertThat(d.get("counts").get("body_changes").asInt()).isZero();
        }
    }
}
