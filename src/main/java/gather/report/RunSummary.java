package gather.report;

import gather.result.FetchResult;
import java.time.Instant;
import java.util.Iterator;

/**
 * The end of a run ({@code interrupted}: by Ctrl-C; {@code notStarted}: then, how many URLs of
 * the input were never started, or null when that cannot be told, as from stdin), as every report
 * sees it: when it started, how long it took, the totals, and every result in input order, as
 * values ({@code results}) and as their JSON objects ({@code resultJson}). Each is empty unless a
 * report {@linkplain Report#needsResults asked} for it ({@linkplain Report#needsResultJson}); read
 * back from a temporary file on a large run, so iterate once.
 */
public record RunSummary(String version, Instant started, long wallNanos, Totals totals,
                         Iterable<FetchResult> results, Iterable<byte[]> resultJson,
                         boolean interrupted, Long notStarted, Shard shard) {

    /** --shard K/N: this run fetched the URLs at input positions p with p mod N == K-1. */
    public record Shard(int index, int total) { }

    /** A run that went to its end, its results given as values (their JSON is written from them when asked). */
    public RunSummary(String version, Instant started, long wallNanos, Totals totals, Iterable<FetchResult> results) {
        this(version, started, wallNanos, totals, results, jsonOf(results), false, null, null);
    }

    /** URLs finished per second of wall time. */
    public double requestsPerSecond() {
        return wallNanos > 0 ? totals.urls() / (wallNanos / 1e9) : 0.0;
    }

    /** The sum of every result's total time over the wall time: what concurrency bought. */
    public double speedup() {
        return wallNanos > 0 ? (double) totals.sumTotalNanos() / wallNanos : 0.0;
    }

    /** Each result's JSON object ({@link ResultJson#bytes}), made as it is read. */
    static Iterable<byte[]> jsonOf(Iterable<FetchResult> results) {
        return () -> new Iterator<>() {
            private final Iterator<FetchResult> each = results.iterator();

            @Override
            public boolean hasNext() {
                return each.hasNext();
            }

            @Override
            public byte[] next() {
                return ResultJson.bytes(each.next());
            }
        };
    }
}
