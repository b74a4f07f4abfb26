package gather.report;

import gather.result.FetchResult;
import java.io.IOException;

/**
 * One output format. A result arrives as each URL finishes ({@link #onResult}), the run ends
 * with its totals and every result in input order ({@link #finish}). The fan-out
 * ({@link Reports}) calls these one at a time under its lock, so a report needs no locking of
 * its own and its lines never interleave with another's.
 */
public interface Report {
    /** One URL finished (in finishing order). */
    default void onResult(FetchResult r) throws IOException {
    }

    /** The run ended: write what comes at the end. */
    void finish(RunSummary run) throws IOException;

    /** True when {@link #finish} reads {@link RunSummary#results()}: the fan-out keeps every result then. */
    default boolean needsResults() {
        return false;
    }

    /**
     * True when {@link #finish} reads {@link RunSummary#resultJson()}: every result's JSON object,
     * made once as each URL finishes (on its worker, outside the fan-out's lock) and kept.
     */
    default boolean needsResultJson() {
        return false;
    }

    /** Pushes buffered output to its stream (the fan-out calls it at most ~100 ms after a write). */
    default void flush() throws IOException {
    }
}
