package gather.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gather.result.CheckFailure;
import gather.result.ErrorKind;
import gather.result.FetchResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reports as the CLI puts them together, fed through the fan-out: the JSON document, the
 * default totals block and --jsonl go out as bytes under a {@link Utf8PrintWriter} (main's stdout)
 * or as characters into any other PrintWriter, with the same text, non-ASCII URLs intact, in
 * input order, spilled or not.
 */
class ReportsOutputTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Past Reports.SPILL_BYTES of stored results, so the store spills to its file. */
    private static final int SPILLING = 60_000;

    enum Mode { DEFAULT, JSON, JSONL }

    private static FetchResult result(int i) {
        FetchResult.Builder r = FetchResult.builder(i, "http://127.0.0.1:8080/caf\u00e9/\u20ac/\ud83d\ude00/" + i + "?q=\"x\"");
        if (i % 7 == 3) {
            r.fail(ErrorKind.HTTP_STATUS, "404 Not Found: \u00fcber");
            r.checks(List.of(new CheckFailure("accept-status", "200-299", "404"),
                    new CheckFailure("expect-text", "caf\u00e9", "not in the body")));
            r.statusLine(404, null, null);
        } else {
            r.statusLine(200, null, null);
            r.body(1256, null);
        }
        r.attempts(1).totalNanos(1_500_000L + i);
        return r.build();
    }

    /** The reports of a mode, as cli.Runner puts them together. */
    private static List<Report> reports(Mode mode, PrintWriter out, PrintWriter err, Path summaryFile) throws IOException {
        List<Report> reports = new ArrayList<>();
        reports.add(new HumanLines(mode == Mode.DEFAULT ? out : err));
        reports.add(switch (mode) {
            case DEFAULT -> new TotalsBlock(out);
            case JSON -> new JsonDocument(out);
            case JSONL -> new JsonLines(out);
        });
        if (summaryFile != null) {
            reports.add(new SummaryFile(summaryFile));
        }
        return reports;
    }

    /** A run with {@code n} results, finished in reverse order, written to {@code out}. */
    private static RunSummary run(List<Report> reports, int n) throws IOException {
        try (Reports fanOut = new Reports("test", reports)) {
            for (int i = n - 1; i >= 0; i--) {
                fanOut.onResult(result(i));
            }
            return fanOut.finish();
        }
    }

    private static String viaBytes(Mode mode, int n, Path summaryFile) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Utf8PrintWriter out = new Utf8PrintWriter(bytes, 1 << 16);
        run(reports(mode, out, new PrintWriter(new StringWriter()), summaryFile), n);
        out.flush();
        assertThat(out.checkError()).isFalse();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String viaCharacters(Mode mode, int n) throws IOException {
        StringWriter chars = new StringWriter();
        PrintWriter out = new PrintWriter(chars);
        run(reports(mode, out, new PrintWriter(new StringWriter()), null), n);
        out.flush();
        return chars.toString();
    }

    /** The text with the only run-dependent fields (start time, wall time, rates) blanked. */
    private static String stable(String s) {
        return s.replaceAll("\"started\": ?\"[^\"]*\"", "\"started\":\"\"")
                .replaceAll("\"(wall_ms|requests_per_second|speedup)\": ?[0-9.]+", "\"$1\":0")
                .replaceAll("in [0-9.]+ m?s; [0-9.]+ URLs/s; on average [0-9.]+ URLs in flight", "in T");
    }

    @Test
    void theDocumentIsTheSummaryLineThenOneResultPerLineAsBeforeJackson() throws Exception {
        String doc = stable(viaBytes(Mode.JSON, 2, null));
        assertThat(doc).isEqualTo("{\"schema\":1,\"tool\":\"gather\",\"version\":\"test\",\"started\":\"\",\"wall_ms\":0,"
                + "\"totals\":{\"urls\":2,\"ok\":2,\"failed\":0,\"bytes\":2512,\"requests_per_second\":0,"
                + "\"latency_ms\":{\"min\":1.5,\"mean\":1.5,\"p50\":1.5,\"p90\":1.5,\"p99\":1.5,\"max\":1.5},"
                + "\"sequential_ms\":3.0,\"speedup\":0,\"retried_ok\":0,\"errors\":{},\"not_modified\":0,\"flaky\":0,\"allowed\":0},"
                + "\"interrupted\":false,\"not_started\":null,\"shard\":null,\"results\":[\n"
                + JsonTest.resultJson(result(0)) + ",\n"
                + JsonTest.resultJson(result(1)) + "\n]}\n");
    }

    @Test
    void theDocumentIsTheSameAsBytesAndAsCharactersAndKeepsNonAsciiUrls() throws Exception {
        String bytes = viaBytes(Mode.JSON, 50, null);
        String chars = viaCharacters(Mode.JSON, 50);
        assertThat(stable(bytes)).isEqualTo(stable(chars));

        JsonNode doc = MAPPER.readTree(bytes);
        assertThat(doc.get("results")).hasSize(50);
        for (int i = 0; i < 50; i++) {
            JsonNode r = doc.get("results").get(i);
            assertThat(r.get("index").asLong()).isEqualTo(i);
            assertThat(r.get("url").asText()).isEqualTo(result(i).url());
        }
        assertThat(doc.get("results").get(3).get("error").get("message").asText()).isEqualTo("404 Not Found: \u00fcber");
        assertThat(doc.get("totals").get("errors").get("http_status").asInt()).isEqualTo(7);
        assertThat(bytes.lines().count()).isEqualTo(52);
        assertThat(bytes).endsWith("\n]}\n");
    }

    @Test
    void defaultModeIsHumanLinesThenTheSummaryLineThenTheIndentedSummaryObjectWithoutResults() throws Exception {
        String bytes = viaBytes(Mode.DEFAULT, 3, null);
        assertThat(stable(bytes)).isEqualTo(stable(viaCharacters(Mode.DEFAULT, 3)));

        String[] lines = bytes.split("\n", 6);
        assertThat(lines[0]).startsWith("200 ok").endsWith(result(2).url());
        assertThat(lines[1]).startsWith("200 ok").endsWith(result(1).url());
        assertThat(lines[2]).startsWith("200 ok").endsWith(result(0).url());
        assertThat(lines[3]).startsWith("3 URLs: 3 ok, 0 failed; ");
        assertThat(lines[4]).startsWith("latency: p50 1.5 ms, ");
        String block = lines[5];
        assertThat(block).startsWith("{\n  \"schema\": 1,\n  \"tool\": \"gather\",\n").endsWith("\n}\n")
                .contains("\n  \"totals\": {\n    \"urls\": 3,\n")
                .contains("\n    \"latency_ms\": {\n      \"min\": 1.5,\n")
                .contains("\"errors\": {}")
                .doesNotContain("results").doesNotContain("127.0.0.1");
        JsonNode summary = MAPPER.readTree(block);
        List<String> names = new ArrayList<>();
        summary.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("schema", "tool", "version", "started", "wall_ms", "totals", "interrupted",
                "not_started", "shard");
        assertThat(summary.get("started").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(summary.get("totals").get("urls").asInt()).isEqualTo(3);
    }

    @Test
    void theDefaultBlockIsTheJsonlSummaryLineIndented() throws Exception {
        String block = viaBytes(Mode.DEFAULT, 20, null).split("\n", 23)[22];
        List<String> jsonl = viaBytes(Mode.JSONL, 20, null).lines().toList();
        assertThat(MAPPER.readTree(stable(block))).isEqualTo(MAPPER.readTree(stable(jsonl.get(20))));
    }

    @Test
    void jsonlLinesAreTheSameAsBytesAndAsCharactersInFinishingOrderThenTheSummary() throws Exception {
        String bytes = viaBytes(Mode.JSONL, 20, null);
        assertThat(stable(bytes)).isEqualTo(stable(viaCharacters(Mode.JSONL, 20)));

        List<String> lines = bytes.lines().toList();
        assertThat(lines).hasSize(21);
        for (int k = 0; k < 20; k++) {
            assertThat(lines.get(k)).isEqualTo(JsonTest.resultJson(result(19 - k))); // finished in reverse order
        }
        JsonNode summary = MAPPER.readTree(lines.get(20));
        assertThat(summary.get("totals").get("urls").asLong()).isEqualTo(20);
        assertThat(summary.has("results")).isFalse();
        assertThat(bytes).endsWith("}\n");
    }

    @Test
    void aSpilledDocumentIsTheSameAsBytesAsCharactersAndInTheSummaryFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("summary.json");
        String bytes = viaBytes(Mode.JSON, SPILLING, file);
        assertThat(stable(bytes)).isEqualTo(stable(viaCharacters(Mode.JSON, SPILLING)));
        assertThat(stable(Files.readString(file))).isEqualTo(stable(bytes));

        JsonNode results = MAPPER.readTree(bytes).get("results");
        assertThat(results).hasSize(SPILLING);
        for (int i = 0; i < SPILLING; i += 997) {
            assertThat(results.get(i).get("index").asLong()).isEqualTo(i);
            assertThat(results.get(i).get("url").asText()).isEqualTo(result(i).url());
        }
    }

    @Test
    void resultsAreKeptOnlyWhenAReportNeedsThem(@TempDir Path dir) throws Exception {
        StringWriter sink = new StringWriter();
        RunSummary human = run(List.of(new HumanLines(new PrintWriter(sink))), 5);
        assertThat(human.results()).isEmpty();
        assertThat(human.resultJson()).isEmpty();
        RunSummary json = run(List.of(new JsonDocument(new PrintWriter(sink))), 5);
        assertThat(json.results()).as("the document keeps only the results' JSON").isEmpty();
        assertThat(json.resultJson()).extracting(b -> MAPPER.readTree(b).get("index").asLong())
                .containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(json.totals().urls()).isEqualTo(5);
        assertThat(json.totals().failed()).isEqualTo(1);
        RunSummary junit = run(List.of(new JunitReport(dir.resolve("junit.xml"), "t")), 5);
        assertThat(junit.results()).extracting(FetchResult::index).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(junit.resultJson()).as("JUnit reads values, not JSON").isEmpty();
    }

    @Test
    void resultsThatCannotBeKeptFailTheDocumentBeforeItsFirstByteAndTheOtherReportsFinish(@TempDir Path dir)
            throws Exception {
        Path missing = dir.resolve("no-such-dir");
        StringWriter human = new StringWriter();
        StringWriter json = new StringWriter();
        Path file = dir.resolve("summary.json");
        List<Report> reports = List.of(new HumanLines(new PrintWriter(human)), new JsonDocument(new PrintWriter(json)),
                new SummaryFile(file));
        try (Reports fanOut = new Reports("test", reports, 2_000, missing)) { // spills after a few results
            for (int i = 0; i < 50; i++) {
                fanOut.onResult(result(i));
            }
            assertThatThrownBy(fanOut::finish).isInstanceOf(IOException.class)
                    .hasMessage("the results could not be kept for the JSON document (a temporary file in " + missing
                            + "): no such file or directory");
        }
        assertThat(human.toString()).as("the human summary still comes").contains("50 URLs: 43 ok, 7 failed");
        assertThat(json.toString()).as("no half document").isEmpty();
        assertThat(Files.readString(file)).as("nor in the file").isEmpty();
    }

    @Test
    void resultsThatCannotBeKeptForTheListingReportsLeaveThemUnwrittenAndTheOthersFinish(@TempDir Path dir)
            throws Exception {
        Path missing = dir.resolve("no-such-dir");
        StringWriter human = new StringWriter();
        Path junit = dir.resolve("junit.xml");
        Path html = dir.resolve("report.html");
        List<Report> reports = List.of(new HumanLines(new PrintWriter(human)), new JunitReport(junit, "t"),
                new HtmlReportFile(html));
        try (Reports fanOut = new Reports("test", reports, 2_000, missing)) {
            for (int i = 0; i < 50; i++) {
                fanOut.onResult(result(i)); // past 2,000 bytes the spill fails: the run goes on
            }
            assertThatThrownBy(fanOut::finish).isInstanceOf(IOException.class)
                    .hasMessage("the results could not be kept for the reports that list every URL (a temporary file"
                            + " in " + missing + "): no such file or directory");
        }
        assertThat(human.toString()).contains("50 URLs: 43 ok, 7 failed");
        assertThat(junit).as("not written at all rather than in part").doesNotExist();
        assertThat(html).doesNotExist();
    }

    @Test
    void aReportThatFailsDoesNotKeepTheOthersFromFinishing(@TempDir Path dir) throws Exception {
        Path unwritable = dir.resolve("no-such-dir").resolve("summary.json");
        StringWriter before = new StringWriter();
        StringWriter after = new StringWriter();
        List<Report> reports = List.of(new HumanLines(new PrintWriter(before)), new SummaryFile(unwritable),
                new JsonDocument(new PrintWriter(after)));
        assertThatThrownBy(() -> run(reports, 2)).isInstanceOf(SummaryFile.WriteFailed.class)
                .hasMessage("cannot write --summary-file " + unwritable + ": no such file or directory");
        assertThat(before.toString()).contains("2 URLs: 2 ok, 0 failed");
        assertThat(MAPPER.readTree(after.toString()).get("results")).hasSize(2);
    }

    @Test
    void aLineReachesTheStreamWhileTheRunGoesOnNotOnlyAtTheEnd() throws Exception {
        CountDownLatch written = new CountDownLatch(1);
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        OutputStream stdout = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                seen.write(b, off, len);
                written.countDown();
            }
        };
        Utf8PrintWriter out = new Utf8PrintWriter(stdout, 1 << 16);
        try (Reports fanOut = new Reports("test", List.of(new HumanLines(out)))) {
            fanOut.onResult(result(0));
            // the run goes on (no more results, no finish): the flusher pushes the line out within ~100 ms
            assertThat(written.await(20, TimeUnit.SECONDS)).as("the line was flushed before the end").isTrue();
            synchronized (stdout) {
                assertThat(seen.toString(StandardCharsets.UTF_8)).startsWith("200 ok").endsWith(result(0).url() + "\n");
            }
        }
    }

    @Test
    void aClosedStdoutEndsTheDocumentQuietlyAndShowsInCheckError() throws Exception {
        class ClosesAfter extends OutputStream {
            long written;
            int writesAfterClose;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (written + len > 100_000) {
                    writesAfterClose++;
                    throw new IOException("Broken pipe");
                }
                written += len;
            }
        }
        ClosesAfter pipe = new ClosesAfter();
        Utf8PrintWriter out = new Utf8PrintWriter(pipe, 1 << 16);
        run(List.of(new JsonDocument(out)), 30_000); // does not throw
        assertThat(out.checkError()).isTrue();
        assertThat(pipe.written).isLessThanOrEqualTo(100_000);
        assertThat(pipe.writesAfterClose).isEqualTo(1); // the rest was dropped, not written again and again
    }
}
