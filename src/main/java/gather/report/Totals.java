package gather.report;

import gather.result.ErrorKind;
import gather.result.FetchResult;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/** Aggregates over all results, kept as they arrive (no result objects are held). */
public final class Totals {
    private long urls;
    private long ok;
    private long bytes;
    private long retriedOk;
    private long sumTotalNanos;
    private long[] latencies = new long[1024];
    private int latencyCount;
    private final Map<ErrorKind, Long> errors = new EnumMap<>(ErrorKind.class);

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

    public Map<ErrorKind, Long> errors() {
        return errors;
    }

    long sumTotalNanos() {
        return sumTotalNanos;
    }

    /** Nearest-rank percentile of the per-URL total times, in nanoseconds. */
    long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    void write(JsonOut j, long wallNanos) {
        j.begin("totals");
        j.field("urls", urls);
        j.field("ok", ok);
        j.field("failed", urls - ok);
        j.field("bytes", bytes);
        double wallSeconds = wallNanos / 1e9;
        j.number("requests_per_second", wallSeconds > 0 ? urls / wallSeconds : 0.0, 1);
        long[] sorted = Arrays.copyOf(latencies, latencyCount);
        Arrays.sort(sorted);
        double mean = latencyCount == 0 ? 0 : (double) Arrays.stream(sorted).sum() / latencyCount;
        j.begin("latency_ms")
                .millis("min", latencyCount == 0 ? 0 : sorted[0])
                .millis("mean", Math.round(mean))
                .millis("p50", percentile(sorted, 50))
                .millis("p90", percentile(sorted, 90))
                .millis("p99", percentile(sorted, 99))
                .millis("max", latencyCount == 0 ? 0 : sorted[latencyCount - 1])
                .end();
        j.millis("sequential_ms", sumTotalNanos);
        j.number("speedup", wallNanos > 0 ? (double) sumTotalNanos / wallNanos : 0.0, 2);
        j.field("retried_ok", retriedOk);
        j.begin("errors");
        for (Map.Entry<ErrorKind, Long> e : errors.entrySet()) {
            j.field(e.getKey().wireName(), e.getValue());
        }
        j.end();
        j.end();
    }
}
