package gather.report;

import gather.result.FetchResult;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Several runs' results (the shards of one batch) as one run: every result in input order, the
 * totals computed by the same {@link Totals} as any run's, written by the same reports.
 */
public final class MergedRun {
    private MergedRun() { }

    /**
     * @param results   every result, in input order (by index)
     * @param started   the earliest shard's start
     * @param wallNanos the longest shard's wall time (the shards ran side by side)
     */
    public static RunSummary summary(String version, Instant started, long wallNanos, List<FetchResult> results) {
        Totals totals = new Totals();
        for (FetchResult r : results) {
            totals.add(r);
        }
        return new RunSummary(version, started, wallNanos, totals, results);
    }

    /** Writes the merged run through these reports (the JSON document, the human summary line...). */
    public static void write(RunSummary run, List<Report> reports) throws IOException {
        for (Report r : reports) {
            r.finish(run);
            r.flush();
        }
    }
}
