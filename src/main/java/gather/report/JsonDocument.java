package gather.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * --json: the JSON summary document, every result in input order, on stdout at the end. Its
 * layout: the summary members on the first line, then one result per line, then {@code ]}}.
 */
public final class JsonDocument implements Report {
    private static final byte[] RESULTS = ",\"results\":[\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BETWEEN = ",\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n]}\n".getBytes(StandardCharsets.US_ASCII);

    private final PrintWriter out;

    public JsonDocument(PrintWriter out) {
        this.out = out;
    }

    @Override
    public boolean needsResultJson() {
        return true;
    }

    @Override
    public void finish(RunSummary run) throws IOException {
        if (out instanceof Utf8PrintWriter u) { // main's stdout: the bytes as they are
            OutputStream bytes = new BufferedOutputStream(u.bytesAfterCharacters(), 1 << 16);
            write(bytes, run);
            bytes.flush();
        } else {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            write(bytes, run);
            out.write(bytes.toString(StandardCharsets.UTF_8));
        }
        out.flush();
    }

    /**
     * The document, ending with a line break (also the summary file's content): the summary's
     * members, then each result's JSON object as it was made when the URL finished.
     */
    static void write(OutputStream out, RunSummary run) throws IOException {
        Iterator<byte[]> results;
        try {
            results = run.resultJson().iterator(); // results that could not be kept fail here, before any byte
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        try (JsonGenerator g = Json.generator(out)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT, false); // the results follow, not from g
            g.writeStartObject();
            SummaryJson.writeMembers(g, run);
        }
        out.write(RESULTS);
        boolean first = true;
        while (results.hasNext()) {
            if (!first) {
                out.write(BETWEEN);
            }
            out.write(results.next());
            first = false;
        }
        out.write(END);
    }
}
