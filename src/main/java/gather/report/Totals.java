package gather.report;

import gather.result.ErrorKind;
import gather.result.FetchResult;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Aggregates over all results, kept as they arrive (no result objects are held): the one place
 * the run's figures are computed, whatever format prints them. Not thread-safe: the fan-out
 * adds under its lock.
 */
public final class Totals {
    private long urls;
    private long ok;
    private long bytes;
    private long retriedOk;
    private long notModified;
    private long allowed;
    private long sumTotalNanos;
    private long[] latencies = new long[1024];
    private int latencyCount;
    private final Map<ErrorKind, Long> errors = new EnumMap<>(ErrorKind.class);

    /** The per-URL total times of the results that made at least one attempt, in nanoseconds. */
    public record Latency(long min, long mean, long p50, long p90, long p99, long max) { }

    void add(FetchResult r) {
        urls++;
        bytes += r.bytes();
        sumTotalNanos += r.timing().totalNanos();
        if (r.ok()) {
            ok++;
        } else {
            errors.merge(r.error().kind(), 1L, Long::sum);
        }
        if (r.retriedOk()) {
            retriedOk++;
        }
        notModified += r.notModified() ? 1 : 0;
        allowed += r.allowed() ? 1 : 0;
        if (r.attempts() > 0) {
            if (latencyCount == latencies.length) {
                latencies = Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[latencyCount++] = r.timing().totalNanos();
        }
    }

    public long urls() {
        return urls;
    }

    public long ok() {
        return ok;
    }

    public long failed() {
        return urls - ok;
    }

    public long bytes() {
        return bytes;
    }

    /** Results that succeeded only after a retry (flaky). */
    public long retriedOk() {
        return retriedOk;
    }

    /** Failures --allow-error reported as warnings (they are in failed and errors too). */
    public long allowed() {
        return allowed;
    }

    /** Failures that fail the run: those --allow-error did not allow. */
    public long failedNotAllowed() {
        return failed() - allowed;
    }

    /** -N: results a 304 answered (the saved file kept). */
    public long notModified() {
        return notModified;
    }

    /** The sum of every result's total time. */
    public long sumTotalNanos() {
        return sumTotalNanos;
    }

    /** Failed results by error kind, in the kinds' order. */
    public Map<ErrorKind, Long> errors() {
        return Collections.unmodifiableMap(errors);
    }

    /** Min, mean, nearest-rank percentiles and max of the per-URL total times (all 0 without any). */
    public Latency latency() {
        if (latencyCount == 0) {
            return new Latency(0, 0, 0, 0, 0, 0);
        }
        long[] sorted = Arrays.copyOf(latencies, latencyCount);
        Arrays.sort(sorted);
        long sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        return new Latency(sorted[0], Math.round((double) sum / latencyCount), percentile(sorted, 50),
                percentile(sorted, 90), percentile(sorted, 99), sorted[latencyCount - 1]);
    }

    /** Nearest-rank percentile of a sorted, non-empty array. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
