package gather.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
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
        DefaultIndenter indent = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator(""))
                .withObjectIndenter(indent)
                .withArrayIndenter(indent);
        try (JsonGenerator g = Json.generator(out)) {
            g.setPrettyPrinter(pretty);
            SummaryJson.writeObject(g, run);
            g.writeRaw('\n');
        }
        out.flush();
    }
}
