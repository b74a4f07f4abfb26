package gather.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * The default mode's end: the JSON summary object (the one --jsonl ends with: totals, no
 * results), indented so it reads on a terminal.
 */
public final class TotalsBlock implements Report {
    private final PrintWriter out;

    public TotalsBlock(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void finish(RunSummary run) throws IOException {
        try (JsonGenerator g = Json.generator(out)) {
            g.setPrettyPrinter(new Indented());
            SummaryJson.writeObject(g, run);
            g.writeRaw('\n');
        }
        out.flush();
    }

    /**
     * Two spaces per level, one member per line, {@code "name": value}, {@code {}} when empty.
     * Jackson's DefaultPrettyPrinter does the same with eight more classes to load and
     * initialise on a one-URL run's critical path.
     */
    private static final class Indented implements PrettyPrinter {
        private int depth;

        private void newLine(JsonGenerator g) throws IOException {
            g.writeRaw('\n');
            for (int i = 0; i < depth; i++) {
                g.writeRaw("  ");
            }
        }

        private void open(JsonGenerator g, char bracket) throws IOException {
            g.writeRaw(bracket);
            depth++;
        }

        private void separate(JsonGenerator g) throws IOException {
            g.writeRaw(',');
            newLine(g);
        }

        private void close(JsonGenerator g, int members, char bracket) throws IOException {
            depth--;
            if (members > 0) {
                newLine(g);
            }
            g.writeRaw(bracket);
        }

        @Override
        public void writeRootValueSeparator(JsonGenerator g) {
        }

        @Override
        public void writeStartObject(JsonGenerator g) throws IOException {
            open(g, '{');
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) throws IOException {
            newLine(g);
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            separate(g);
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            close(g, entries, '}');
        }

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            open(g, '[');
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            newLine(g);
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            separate(g);
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            close(g, values, ']');
        }
    }
}
