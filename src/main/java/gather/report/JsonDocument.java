package gather.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import gather.result.FetchResult;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * --json: the JSON summary document, every result in input order, on stdout at the end. Its
 * layout: the summary members on the first line, then one result per line, then {@code ]}}.
 */
public final class JsonDocument implements Report {
    private final PrintWriter out;

    public JsonDocument(PrintWriter out) {
        this.out = out;
    }

    @Override
    public boolean needsResults() {
        return true;
    }

    @Override
    public void finish(RunSummary run) throws IOException {
        try (JsonGenerator g = Json.generator(out)) {
            write(g, run);
        }
        out.flush();
    }

    /** The document, ending with a line break (also the summary file's content). */
    static void write(JsonGenerator g, RunSummary run) throws IOException {
        g.setPrettyPrinter(new Layout());
        g.writeStartObject();
        SummaryJson.writeMembers(g, run);
        g.writeFieldName("results");
        g.writeStartArray();
        for (FetchResult r : run.results()) {
            ResultJson.write(g, r);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeRaw('\n');
        g.flush();
    }

    /**
     * Compact JSON, except that the outermost array (results) has each value on its own line;
     * arrays inside a result (checks) stay on its line.
     */
    private static final class Layout implements PrettyPrinter {
        private int arrays;

        @Override
        public void writeRootValueSeparator(JsonGenerator g) {
        }

        @Override
        public void writeStartObject(JsonGenerator g) throws IOException {
            g.writeRaw('{');
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            g.writeRaw('}');
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(',');
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(':');
        }

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            g.writeRaw(++arrays == 1 ? "[\n" : "[");
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            g.writeRaw(arrays-- == 1 ? "\n]" : "]");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(arrays == 1 ? ",\n" : ",");
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) {
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) {
        }
    }
}
