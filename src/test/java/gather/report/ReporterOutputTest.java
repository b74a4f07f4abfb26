package gather.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON document written at the end goes out two ways: as bytes under a {@link Utf8PrintWriter}
 * (main's stdout) and decoded into any other PrintWriter; so do --jsonl lines. Both must give the
 * same text, with non-ASCII URLs intact, after the human lines, in input order, spilled or not.
 */
class ReporterOutputTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Past Reporter.SPILL_BYTES of results (~330 bytes each), so the store spills to its file. */
    private static final int SPILLING = 30_000;

    private static FetchResult result(int i) {
        FetchResult.Builder r = FetchResult.builder(i, "http://127.0.0.1:8080/caf\u00e9/\u20ac/\ud83d\ude00/" + i + "?q=\"x\"");
        if (i % 7 == 3) {
            r.fail(ErrorKind.HTTP_STATUS, "404 Not Found: \u00fcber");
            r.statusLine(404, null, null);
        } else {
            r.statusLine(200, null, null);
            r.body(1256, null);
        }
        r.totalNanos(1_500_000L + i);
        return r.build();
    }

    /** A run with {@code n} results, finished in reverse order, written to {@code out}. */
    private static void run(Reporter.Mode mode, int n, PrintWriter out, Path summaryFile) throws IOException {
        try (Reporter reporter = new Reporter(mode, false, out, new PrintWriter(new StringWriter()), summaryFile, "test")) {
            for (int i = n - 1; i >= 0; i--) {
                reporter.accept(result(i));
            }
            reporter.finish();
        }
        out.flush();
    }

    private static String viaBytes(Reporter.Mode mode, int n, Path summaryFile) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Utf8PrintWriter out = new Utf8PrintWriter(bytes, 1 << 16);
        run(mode, n, out, summaryFile);
        assertThat(out.checkError()).isFalse();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String viaCharacters(Reporter.Mode mode, int n) throws IOException {
        StringWriter chars = new StringWriter();
        run(mode, n, new PrintWriter(chars), null);
        return chars.toString();
    }

    /** The document's text with the only run-dependent fields (start time, wall time, rates) blanked. */
    private static String stable(String s) {
        return s.replaceAll("\"started\":\"[^\"]*\"", "\"started\":\"\"")
                .replaceAll("\"(wall_ms|requests_per_second|speedup)\":[0-9.]+", "\"$1\":0")
                .replaceAll("in [0-9.]+ ms; [0-9.]+ URLs/s; sum of per-URL times [0-9.]+x", "in T");
    }

    @Test
    void theDocumentIsTheSameAsBytesAndAsCharactersAndKeepsNonAsciiUrls() throws Exception {
        String bytes = viaBytes(Reporter.Mode.JSON, 50, null);
        String chars = viaCharacters(Reporter.Mode.JSON, 50);
        assertThat(stable(bytes)).isEqualTo(stable(chars));

        JsonNode doc = MAPPER.readTree(bytes);
        assertThat(doc.get("results")).hasSize(50);
        for (int i = 0; i < 50; i++) {
            JsonNode r = doc.get("results").get(i);
            assertThat(r.get("index").asLong()).isEqualTo(i);
            assertThat(r.get("url").asText()).isEqualTo(result(i).url());
        }
        assertThat(doc.get("results").get(3).get("error").get("message").asText()).isEqualTo("404 Not Found: \u00fcber");
        assertThat(bytes).endsWith("\n]}\n");
    }

    @Test
    void humanLinesComeFirstThenTheSummaryThenTheDocumentOnOneStream() throws Exception {
        String bytes = viaBytes(Reporter.Mode.HUMAN, 3, null);
        assertThat(stable(bytes)).isEqualTo(stable(viaCharacters(Reporter.Mode.HUMAN, 3)));

        String[] lines = bytes.split("\n", 5);
        assertThat(lines[0]).startsWith("200 ok").endsWith(result(2).url());
        assertThat(lines[1]).startsWith("200 ok").endsWith(result(1).url());
        assertThat(lines[2]).startsWith("200 ok").endsWith(result(0).url());
        assertThat(lines[3]).startsWith("3 URLs: 3 ok, 0 failed; ");
        JsonNode doc = MAPPER.readTree(lines[4]);
        assertThat(doc.get("results")).hasSize(3);
        assertThat(doc.get("results").get(2).get("url").asText()).isEqualTo(result(2).url());
    }

    @Test
    void jsonlLinesAreTheSameAsBytesAndAsCharactersInFinishingOrderThenTheSummary() throws Exception {
        String bytes = viaBytes(Reporter.Mode.JSONL, 20, null);
        assertThat(stable(bytes)).isEqualTo(stable(viaCharacters(Reporter.Mode.JSONL, 20)));

        List<String> lines = bytes.lines().toList();
        assertThat(lines).hasSize(21);
        for (int k = 0; k < 20; k++) {
            JsonNode r = MAPPER.readTree(lines.get(k));
            assertThat(r.get("index").asLong()).isEqualTo(19 - k); // finished in reverse order
            assertThat(r.get("url").asText()).isEqualTo(result(19 - k).url());
        }
        JsonNode summary = MAPPER.readTree(lines.get(20));
        assertThat(summary.get("totals").get("urls").asLong()).isEqualTo(20);
        assertThat(summary.has("results")).isFalse();
    }

    @Test
    void aSpilledDocumentIsTheSameAsBytesAsCharactersAndInTheSummaryFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("summary.json");
        String bytes = viaBytes(Reporter.Mode.JSON, SPILLING, file);
        assertThat((long) bytes.length()).isGreaterThan(Reporter.SPILL_BYTES);
        assertThat(stable(bytes)).isEqualTo(stable(viaCharacters(Reporter.Mode.JSON, SPILLING)));
        assertThat(stable(Files.readString(file))).isEqualTo(stable(bytes));

        JsonNode results = MAPPER.readTree(bytes).get("results");
        assertThat(results).hasSize(SPILLING);
        for (int i = 0; i < SPILLING; i += 997) {
            assertThat(results.get(i).get("index").asLong()).isEqualTo(i);
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
        run(Reporter.Mode.JSON, SPILLING, out, null); // does not throw
        assertThat(out.checkError()).isTrue();
        assertThat(pipe.written).isLessThanOrEqualTo(100_000);
        assertThat(pipe.writesAfterClose).isEqualTo(1); // the rest was dropped, not written again and again
    }
}
