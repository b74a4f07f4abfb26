package gather.cli;

import static gather.cli.CliTestSupport.results;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gather.testing.GatherRun;
import gather.testing.ScriptedResponse;
import gather.testing.ScriptedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks per batch line, line numbers and names in results, flaky and allowed failures. */
class BatchLineTest {
    @TempDir
    Path dir;

    private static ScriptedServer server() {
        ScriptedServer s = ScriptedServer.plain();
        s.setDispatcher(req -> switch (req.path()) {
            case "/health" -> ScriptedResponse.ok("{\"status\":\"ok\"}").header("Content-Type", "application/json");
            case "/missing" -> ScriptedResponse.notFound();
            default -> ScriptedResponse.ok("hello world");
        });
        return s;
    }

    private Path file(String text) throws Exception {
        Path f = dir.resolve("smoke.txt");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void aLinesKeysReplaceTheOptionsForThatUrlAndResultsCarryLineAndName() throws Exception {
        try (ScriptedServer s = server()) {
            Path f = file("# smoke checks\n"
                    + s.url("/health") + " status=200 contains=\"ok\" json=/status=ok max_ms=60000 name=\"shop health\"\n"
                    + "\n"
                    + s.url("/missing") + " status=404 name=gone   # a 404 is what we want here\n"
                    + s.url("/page") + " contains=\"not there\" regex=\"^bye\" header='X-Nope'\n"
                    + s.url("/page") + "\n");
            GatherRun run = GatherRun.run("--json", "--expect-text", "hello", "-i", f.toString(), s.url("/page"));
            assertThat(run.exitCode).as("%s", run).isEqualTo(1);
            List<JsonNode> r = results(CliTestSupport.strictJson(run.out));
            assertThat(r).hasSize(5);
            // the argument: no line; the run's --expect-text hello passes
            assertThat(r.get(0).get("line").isNull()).isTrue();
            assertThat(r.get(0).get("ok").asBoolean()).isTrue();
            // its line's checks replace --expect-text: "hello" is not in the JSON body, but "ok" is
            assertThat(r.get(1).get("line").asInt()).isEqualTo(2);
            assertThat(r.get(1).get("name").asText()).isEqualTo("shop health");
            assertThat(r.get(1).get("ok").asBoolean()).as("%s", r.get(1)).isTrue();
            assertThat(r.get(2).get("line").asInt()).isEqualTo(4);
            assertThat(r.get(2).get("name").asText()).isEqualTo("gone");
            assertThat(r.get(2).get("checks")).as("status=404 accepts the 404; the run's --expect-text still holds")
                    .extracting(c -> c.get("name").asText()).containsExactly("expect-text");
            JsonNode failing = r.get(3);
            assertThat(failing.get("line").asInt()).isEqualTo(5);
            assertThat(failing.get("error").get("kind").asText()).isEqualTo("expectation");
            assertThat(failing.get("checks")).extracting(c -> c.get("name").asText())
                    .containsExactly("expect-header", "expect-text", "expect-regex");
            assertThat(failing.get("checks").get(1).get("expected").asText()).isEqualTo("not there");
            assertThat(r.get(4).get("ok").asBoolean()).as("a bare line keeps the run's checks").isTrue();
        }
    }

    @Test
    void aBadLineIsAUsageErrorNamingFileAndLineAndNothingIsFetched() throws Exception {
        try (ScriptedServer s = server()) {
            for (String bad : List.of("colour=red", "status=abc", "regex=\"(\"", "sha256=xyz", "max_ms=soon",
                    "contains=\"open", "name=x lonely")) {
                Path f = file(s.url("/page") + "\n# fine so far\n" + s.url("/page") + " " + bad + "\n");
                GatherRun run = GatherRun.run("--json", "-i", f.toString());
                assertThat(run.exitCode).as("%s: %s", bad, run).isEqualTo(2);
                assertThat(run.err).as(bad).contains(f + ":3: ");
                assertThat(run.out).isEmpty();
            }
            assertThat(s.requestCount()).as("nothing fetched").isZero();
        }
    }

    @Test
    void theLineScanNamesEveryLineThatMayHoldWordsAndNoOther(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("urls.txt");
        Files.writeString(f, "http://a/\n  http://b/  \n\nhttp://c/ status=200\n# a comment\n"
                + "http://d/\u2003x=1\nhttp://e/\t# note\r\nhttp://f/\r\nhttp://g/ last=1");
        assertThat(UrlInput.linesWithWords(f).stream().boxed().toList()).as("leading and trailing blanks are no words"
                + " (a comment with blanks is looked at too); a non-ASCII byte is looked at after decoding")
                .containsExactly(4, 5, 6, 7, 9);
        Files.writeString(f, "http://a/\rhttp://b/ x=1\n");
        assertThat(UrlInput.linesWithWords(f)).as("a lone CR: readLine numbers the lines, every one is parsed").isNull();
    }

    @Test
    void badLinesAreFoundWhateverTheLineEndsAndBlanks(@TempDir Path dir) throws Exception {
        try (ScriptedServer s = server()) {
            String u = s.url("/page");
            for (String text : List.of(u + "\r\n" + u + "\r\n" + u + " nope=1\r\n",
                    u + "\r" + u + "\r" + u + " nope=1\r", u + "\n" + u + "\n" + u + "\u2003nope=1\n")) {
                Path f = dir.resolve("urls.txt");
                Files.writeString(f, text);
                GatherRun run = GatherRun.run("--json", "-i", f.toString());
                assertThat(run.exitCode).as(text).isEqualTo(2);
                assertThat(run.err).as(text).contains(f + ":3: unknown key 'nope'");
            }
            assertThat(s.requestCount()).as("nothing fetched").isZero();
        }
    }

    @Test
    void aBadLineFromStdinStopsTheRunAsAUsageError() {
        try (ScriptedServer s = server()) {
            GatherRun run = GatherRun.run(s.url("/page") + "\n" + s.url("/page") + " nope=1\n", Map.of(),
                    "--json", "-i", "-");
            assertThat(run.exitCode).isEqualTo(2);
            assertThat(run.err).contains("stdin:2: unknown key 'nope'");
        }
    }

    @Test
    void allowedErrorsAreWarningsThatDoNotFailTheRun() {
        try (ScriptedServer s = server()) {
            GatherRun run = GatherRun.run("--json", "--allow-error", "connect,http_status", s.url("/page"),
                    s.url("/missing"), "http://127.0.0.1:1/");
            assertThat(run.exitCode).as("%s", run).isZero();
            List<JsonNode> r = results(CliTestSupport.strictJson(run.out));
            assertThat(r).extracting(x -> x.get("allowed").asBoolean()).containsExactly(false, true, true);
            assertThat(r.get(1).get("ok").asBoolean()).isFalse();
            JsonNode doc = CliTestSupport.strictJson(run.out);
            assertThat(doc.get("totals").get("allowed").asInt()).isEqualTo(2);
            assertThat(doc.get("totals").get("failed").asInt()).isEqualTo(2);
            assertThat(run.err).contains("WARN").doesNotContain("FAIL");
            GatherRun strict = GatherRun.run("--json", "--allow-error", "connect", s.url("/missing"), "http://127.0.0.1:1/");
            assertThat(strict.exitCode).as("http_status is not allowed there").isEqualTo(1);
            GatherRun bad = GatherRun.run("--allow-error", "slowness", s.url("/page"));
            assertThat(bad.exitCode).isEqualTo(2);
            assertThat(bad.err).contains("'slowness' is not an error kind");
        }
    }

    @Test
    void aUrlOkOnlyAfterARetryIsFlakyAndFailsTheRunOnlyWhenAsked() {
        try (ScriptedServer s = ScriptedServer.plain()) {
            AtomicInteger calls = new AtomicInteger();
            s.setDispatcher(req -> calls.getAndIncrement() % 2 == 0 ? ScriptedResponse.of(503) : ScriptedResponse.ok("x"));
            GatherRun run = GatherRun.run("--json", "--retries", "2", "--retry-max-wait", "0.01", s.url("/a"));
            assertThat(run.exitCode).as("%s", run).isZero();
            JsonNode doc = CliTestSupport.strictJson(run.out);
            assertThat(results(doc).get(0).get("flaky").asBoolean()).isTrue();
            assertThat(results(doc).get(0).get("ok").asBoolean()).isTrue();
            assertThat(doc.get("totals").get("flaky").asInt()).isEqualTo(1);
            assertThat(run.err).contains("flaky: ok after 2 attempts");
            GatherRun strict = GatherRun.run("--json", "--retries", "2", "--retry-max-wait", "0.01", "--fail-on-flaky",
                    s.url("/b"));
            assertThat(strict.exitCode).isEqualTo(1);
            assertThat(results(CliTestSupport.strictJson(strict.out)).get(0).get("ok").asBoolean()).isTrue();
        }
    }
}
