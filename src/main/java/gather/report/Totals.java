package gather.report;

import com.fasterxml.jackson.core.JsonGenerator;
import gather.result.ErrorKind;
import gather.result.FetchResult;
import java.io.IOException;
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
        bytes += r.bytes;
        sumTotalNanos += r.totalNanos;
        if (r.ok()) {
            ok++;
        } else {
            errors.merge(r.errorKind, 1L, Long::sum);
        }
        if (r.retriedOk()) {
            retriedOk++;
        }
        if (r.attempts > 0) {
            if (latencyCount == latencies.length) {
                latencies = Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[latencyCount++] = r.totalNanos;
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

    void write(JsonGenerator g, long wallNanos) throws IOException {
        g.writeObjectFieldStart("totals");
        g.writeNumberField("urls", urls);
        g.writeNumberField("ok", ok);
        g.writeNumberField("failed", urls - ok);
        g.writeNumberField("bytes", bytes);
        double wallSeconds = wallNanos / 1e9;
        g.writeNumberField("requests_per_second", wallSeconds > 0 ? Math.round(urls / wallSeconds * 10) / 10.0 : 0.0);
        long[] sorted = Arrays.copyOf(latencies, latencyCount);
        Arrays.sort(sorted);
        g.writeObjectFieldStart("latency_ms");
        double mean = latencyCount == 0 ? 0 : (double) Arrays.stream(sorted).sum() / latencyCount;
        g.writeNumberField("min", ResultJson.ms(latencyCount == 0 ? 0 : sorted[0]));
        g.writeNumberField("mean", ResultJson.ms(Math.round(mean)));
        g.writeNumberField("p50", ResultJson.ms(percentile(sorted, 50)));
        g.writeNumberField("p90", ResultJson.ms(percentile(sorted, 90)));
        g.writeNumberField("p99", ResultJson.ms(percentile(sorted, 99)));
        g.writeNumberField("max", ResultJson.ms(latencyCount == 0 ? 0 : sorted[latencyCount - 1]));
        g.writeEndObject();
        g.writeNumberField("sequential_ms", ResultJson.ms(sumTotalNanos));
        g.writeNumberField("speedup", wallNanos > 0 ? Math.round((double) sumTotalNanos / wallNanos * 100) / 100.0 : 0.0);
        g.writeNumberField("retried_ok", retriedOk);
        g.writeObjectFieldStart("errors");
        for (Map.Entry<ErrorKind, Long> e : errors.entrySet()) {
            g.writeNumberField(e.getKey().wireName(), e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }
}
