package gather.report;

import com.fasterxml.jackson.core.JsonGenerator;
import gather.result.FetchResult;
import java.io.IOException;
import java.io.PrintWriter;

/** --jsonl: one result object per line on stdout as each URL finishes, then the summary object's line. */
public final class JsonLines implements Report {
    private final PrintWriter out;
    private final JsonGenerator g;

    /** Nothing else may write to {@code out} during the run. */
    public JsonLines(PrintWriter out) throws IOException {
        this.out = out;
        this.g = Json.generator(out);
    }

    @Override
    public void onResult(FetchResult r) throws IOException {
        ResultJson.write(g, r);
        g.writeRaw('\n');
    }

    @Override
    public void finish(RunSummary run) throws IOException {
        SummaryJson.writeObject(g, run);
        g.writeRaw('\n');
        g.close();
        out.flush();
    }

    @Override
    public void flush() throws IOException {
        if (!g.isClosed()) {
            g.flush();
        }
    }
}
