package gather.engine;

import static gather.engine.EngineTestSupport.failedWith;
import static gather.engine.EngineTestSupport.sha256;
import static gather.engine.EngineTestSupport.succeeded;
import static gather.engine.EngineTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gather.testing.GatherRun;
import gather.testing.ScriptedResponse;
import gather.testing.ScriptedServer;
import gather.testing.TestTls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The checks a URL must pass, end to end through the CLI: each passing and failing, with the
 * result's {@code checks} array ({"name", "expected", "seen"} per failed check, [] when none).
 */
class ChecksTest {
    private static final String CA = TestTls.caPemPath().toString();
    private static final String JSON_BODY = "{\"status\":\"ok\",\"count\":3,\"version\":\"1.2\",\"ratio\":0.5,"
            + "\"tags\":[\"a\",\"b\"],\"db\":{\"up\":true},\"none\":null}";

    /** The URL's failed checks as "name|expected|seen" lines. */
    private static List<String> checks(JsonNode result) {
        List<String> l = new ArrayList<>();
        for (JsonNode c : result.get("checks")) {
            assertThat(c.size()).isEqualTo(3);
            l.add(c.get("name").asText() + "|" + c.get("expected").asText() + "|" + c.get("seen").asText());
        }
        return l;
    }

    private static GatherRun fetch(ScriptedResponse response, String... args) {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(response);
            List<String> a = new ArrayList<>(List.of(server.url("/")));
            a.addAll(Arrays.asList(args));
            return GatherRun.json(a.toArray(String[]::new));
        }
    }

    private static JsonNode passes(ScriptedResponse response, String... args) {
        JsonNode r = succeeded(fetch(response, args));
        assertThat(r.get("checks").isArray()).isTrue();
        assertThat(r.get("checks")).isEmpty();
        return r;
    }

    private static List<String> failsExpectation(ScriptedResponse response, String... args) {
        return checks(failedWith(fetch(response, args), "expectation"));
    }

    // ---- accept-status -------------------------------------------------------------------------

    @Test
    void statusNotAcceptedIsHttpStatusAndListedAsACheck() {
        JsonNode r = failedWith(fetch(ScriptedResponse.notFound()), "http_status");
        assertThat(checks(r)).containsExactly("accept-status|200-299|404");
        assertThat(r.get("error").get("message").asText()).contains("404");
    }

    @Test
    void acceptedStatusPassesWithAnEmptyChecksArray() {
        passes(ScriptedResponse.of(404), "--accept-status", "404");
    }

    @Test
    void statusFailureComesFirstAndTheOtherFailuresAreListedToo() {
        JsonNode r = failedWith(fetch(ScriptedResponse.of(503).body(utf8("down")), "--expect-text", "up"), "http_status");
        assertThat(checks(r)).containsExactly("accept-status|200-299|503", "expect-text|up|not in the body (4 bytes)");
        assertThat(r.get("error").get("message").asText()).contains("1 more failed check");
    }

    // ---- expect-text and expect-header (the existing checks) --------------------------------------

    @Test
    void expectTextFailureIsListed() {
        assertThat(failsExpectation(ScriptedResponse.ok("hello"), "--expect-text", "bye"))
                .containsExactly("expect-text|bye|not in the body (5 bytes)");
        passes(ScriptedResponse.ok("hello"), "--expect-text", "ell");
    }

    @Test
    void expectHeaderFailureShowsWhatWasThere() {
        assertThat(failsExpectation(ScriptedResponse.ok("x").header("X-Build", "debug-1").header("X-Build", "debug-2"),
                "--expect-header", "X-Build: release"))
                .containsExactly("expect-header|X-Build: release|X-Build: debug-1, debug-2");
        assertThat(failsExpectation(ScriptedResponse.ok("x"), "--expect-header", "X-Build"))
                .containsExactly("expect-header|X-Build|no X-Build header");
    }

    // ---- expect-regex ----------------------------------------------------------------------------

    @Test
    void expectRegexFindsAMatchInTheDecodedText() {
        passes(ScriptedResponse.ok("version: 2.14.1\n"), "--expect-regex", "version: [0-9]+\\.[0-9]+");
        passes(ScriptedResponse.ok("caf\u00e9 \u2603"), "--expect-regex", "caf\u00e9\\s\u2603"); // UTF-8 text, not bytes
        assertThat(failsExpectation(ScriptedResponse.ok("version: beta"), "--expect-regex", "version: [0-9]+"))
                .containsExactly("expect-regex|version: [0-9]+|no match in the body (13 bytes)");
    }

    @Test
    void expectRegexOnABodyPastTheBoundFailsClearly() {
        byte[] big = new byte[9 << 20];
        Arrays.fill(big, (byte) 'a');
        List<String> failed = failsExpectation(ScriptedResponse.ok(big), "--expect-regex", "a");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0)).startsWith("expect-regex|a|body larger than " + (8 << 20) + " bytes");
    }

    // ---- expect-sha256 ---------------------------------------------------------------------------

    @Test
    void expectSha256ComparesTheBodysHash() {
        byte[] body = utf8("exact bytes");
        passes(ScriptedResponse.ok(body), "--expect-sha256", sha256(body).toUpperCase());
        String other = sha256(utf8("other"));
        assertThat(failsExpectation(ScriptedResponse.ok(body), "--expect-sha256", other))
                .containsExactly("expect-sha256|" + other + "|" + sha256(body));
    }

    // ---- expect-json -----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"/status=ok", "/status=\"ok\"", "/count=3", "/count=3.0", "/version=1.2", "/ratio=0.50",
            "/tags/1=b", "/tags=[\"a\",\"b\"]", "/db/up=true", "/db={\"up\":true}", "/none=null"})
    void expectJsonMatches(String pointerAndValue) {
        passes(ScriptedResponse.ok(JSON_BODY).header("Content-Type", "application/json"), "--expect-json", pointerAndValue);
    }

    @Test
    void expectJsonMismatchShowsTheNode() {
        assertThat(failsExpectation(ScriptedResponse.ok(JSON_BODY), "--expect-json", "/status=down",
                "--expect-json", "/count=4", "--expect-json", "/db={\"up\":false}", "--expect-json", "/missing=1"))
                .containsExactly("expect-json|/status=down|\"ok\"", "expect-json|/count=4|3",
                        "expect-json|/db={\"up\":false}|{\"up\":true}", "expect-json|/missing=1|nothing at /missing");
    }

    @Test
    void expectJsonOnABodyThatIsNotJsonFails() {
        List<String> failed = failsExpectation(ScriptedResponse.ok("<html>ok</html>"), "--expect-json", "/status=ok");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0)).startsWith("expect-json|/status=ok|body is not JSON: ");
        assertThat(failsExpectation(ScriptedResponse.ok("{\"a\":1} trailing"), "--expect-json", "/a=1").get(0))
                .contains("body is not JSON");
    }

    // ---- max-ttfb and max-latency ----------------------------------------------------------------

    @Test
    void maxTtfbFailsASlowFirstByte() {
        ScriptedResponse slow = ScriptedResponse.ok("x").delay(Duration.ofMillis(300));
        List<String> failed = failsExpectation(slow, "--max-ttfb", "100ms");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0)).matches("max-ttfb\\|100ms\\|[0-9]+\\.[0-9]ms");
        assertThat(Double.parseDouble(failed.get(0).replaceAll(".*\\|([0-9.]+)ms$", "$1"))).isGreaterThanOrEqualTo(300);
        passes(ScriptedResponse.ok("x"), "--max-ttfb", "60s");
    }

    @Test
    void maxLatencyFailsASlowFetch() {
        ScriptedResponse slow = ScriptedResponse.ok("x").delay(Duration.ofMillis(300));
        JsonNode r = failedWith(fetch(slow, "--max-latency", "0.1s"), "expectation");
        assertThat(checks(r)).singleElement().asString().startsWith("max-latency|100ms|");
        double seen = Double.parseDouble(checks(r).get(0).replaceAll(".*\\|([0-9.]+)ms$", "$1"));
        assertThat(seen).isGreaterThanOrEqualTo(300).isLessThanOrEqualTo(r.get("timing_ms").get("total").asDouble());
        passes(ScriptedResponse.ok("x"), "--max-latency", "1m");
    }

    // ---- cert-valid-for --------------------------------------------------------------------------

    @Test
    void certValidForChecksTheServersCertificate() {
        try (ScriptedServer server = ScriptedServer.tls(TestTls.LOCALHOST_P12)) {
            server.enqueue(ScriptedResponse.ok("x"));
            server.enqueue(ScriptedResponse.ok("x"));
            String url = server.urlWithHost("localhost", "/");
            succeeded(GatherRun.json(url, "--cacert", CA, "--cert-valid-for", "14d"));
            // the fixture's certificate runs until 2124: not for another 100 years
            JsonNode r = failedWith(GatherRun.json(url, "--cacert", CA, "--cert-valid-for", "36500d"), "expectation");
            assertThat(checks(r)).singleElement().asString().startsWith("cert-valid-for|36500d|expires 2124-01-01T00:00:00Z (in ");
        }
    }

    @Test
    void certValidForFailsAnExpiredCertificateSeenWithInsecure() {
        try (ScriptedServer server = ScriptedServer.tls("/tls/expired.p12")) {
            server.enqueue(ScriptedResponse.ok("x"));
            JsonNode r = failedWith(GatherRun.json(server.urlWithHost("localhost", "/"), "-k", "--cert-valid-for", "1h"),
                    "expectation");
            assertThat(checks(r)).singleElement().asString().startsWith("cert-valid-for|1h|expired ");
        }
    }

    @Test
    void certValidForHasNothingToCheckOnPlainHttp() {
        passes(ScriptedResponse.ok("x"), "--cert-valid-for", "14d");
    }

    // ---- together --------------------------------------------------------------------------------

    @Test
    void everyFailedCheckIsReportedInOrder() {
        ScriptedResponse r = ScriptedResponse.ok("{\"status\":\"degraded\"}").header("X-Build", "debug");
        JsonNode result = failedWith(fetch(r, "--expect-text", "healthy", "--expect-header", "X-Build: release",
                "--expect-regex", "^ok$", "--expect-sha256", "0".repeat(64), "--expect-json", "/status=ok",
                "--expect-text", "status"), "expectation");
        assertThat(checks(result)).extracting(s -> s.substring(0, s.indexOf('|'))).containsExactly(
                "expect-header", "expect-text", "expect-regex", "expect-sha256", "expect-json");
        assertThat(result.get("error").get("message").asText())
                .isEqualTo("5 checks failed: expect-header, expect-text, expect-regex, expect-sha256, expect-json");
    }

    @Test
    void everyCheckPassingTogetherLeavesTheChecksEmpty() {
        byte[] body = utf8(JSON_BODY);
        try (ScriptedServer server = ScriptedServer.tls(TestTls.LOCALHOST_P12)) {
            server.enqueue(ScriptedResponse.ok(body).header("X-Build", "release-7"));
            JsonNode r = succeeded(GatherRun.json(server.urlWithHost("localhost", "/"), "--cacert", CA,
                    "--accept-status", "200", "--expect-text", "status", "--expect-header", "X-Build: release",
                    "--expect-regex", "\"count\":\\d", "--expect-sha256", sha256(body), "--expect-json", "/status=ok",
                    "--max-ttfb", "60s", "--max-latency", "60s", "--cert-valid-for", "14d"));
            assertThat(r.get("checks")).isEmpty();
        }
    }

    @Test
    void aSingleFailedCheckNamesWhatWasExpectedAndSeenInTheMessage() {
        JsonNode r = failedWith(fetch(ScriptedResponse.ok("{}"), "--expect-json", "/a=1"), "expectation");
        assertThat(r.get("error").get("message").asText()).isEqualTo("expect-json: expected /a=1, seen nothing at /a");
    }

    @Test
    void aFailedCheckKeepsTheBodyOutOfTheOutputDir(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        failedWith(fetch(ScriptedResponse.ok("{\"a\":2}"), "--output-dir", dir.toString(), "--expect-json", "/a=1"),
                "expectation");
        try (var files = java.nio.file.Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void jsonlLinesCarryTheChecksToo() {
        GatherRun run = fetch(ScriptedResponse.ok("x"), "--expect-text", "y");
        assertThat(run.exitCode).isEqualTo(1);
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok("x"));
            GatherRun l = GatherRun.run(server.url("/"), "--jsonl", "--expect-text", "y");
            JsonNode first = GatherRun.parse(l.out.lines().findFirst().orElseThrow());
            assertThat(checks(first)).containsExactly("expect-text|y|not in the body (1 bytes)");
        }
    }

    // ---- bad values are usage errors ---------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"--max-ttfb=5", "--max-ttfb=fast", "--max-latency=-1s", "--cert-valid-for=2w",
            "--expect-sha256=abc", "--expect-regex=(", "--expect-json=status=ok", "--expect-json=/a~2=1",
            "--expect-json=noequals"})
    void badCheckValuesAreUsageErrors(String option) {
        GatherRun run = GatherRun.run("http://127.0.0.1:9/", option);
        assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
        assertThat(run.err).contains(option.substring(0, option.indexOf('=')));
    }
}
