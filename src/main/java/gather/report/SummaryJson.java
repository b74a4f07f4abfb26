package gather.report;

import com.fasterxml.jackson.core.JsonGenerator;
import gather.result.ErrorKind;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** The summary object's members before "results" (schema, tool, version, started, wall_ms, totals). */
final class SummaryJson {
    static final int SCHEMA = 1;
    /** Milliseconds always ("...:00.000Z"): Instant.toString() drops zero milliseconds. */
    private static final DateTimeFormatter STARTED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private SummaryJson() { }

    /** The whole summary object, without results (the --jsonl last line, the default totals block). */
    static void writeObject(JsonGenerator g, RunSummary run) throws IOException {
        g.writeStartObject();
        writeMembers(g, run);
        g.writeEndObject();
    }

    /** The members, into an object the caller has started. */
    static void writeMembers(JsonGenerator g, RunSummary run) throws IOException {
        g.writeNumberField("schema", SCHEMA);
        Json.plain(g, "tool", "gather");
        Json.plain(g, "version", run.version());
        Json.plain(g, "started", STARTED.format(run.started()));
        Json.millis(g, "wall_ms", run.wallNanos());
        Totals t = run.totals();
        g.writeFieldName("totals");
        g.writeStartObject();
        g.writeNumberField("urls", t.urls());
        g.writeNumberField("ok", t.ok());
        g.writeNumberField("failed", t.failed());
        g.writeNumberField("bytes", t.bytes());
        Json.fixed(g, "requests_per_second", run.requestsPerSecond(), 1);
        Totals.Latency l = t.latency();
        g.writeFieldName("latency_ms");
        g.writeStartObject();
        Json.millis(g, "min", l.min());
        Json.millis(g, "mean", l.mean());
        Json.millis(g, "p50", l.p50());
        Json.millis(g, "p90", l.p90());
        Json.millis(g, "p99", l.p99());
        Json.millis(g, "max", l.max());
        g.writeEndObject();
        Json.millis(g, "sequential_ms", t.sumTotalNanos());
        Json.fixed(g, "speedup", run.speedup(), 2);
        g.writeNumberField("retried_ok", t.retriedOk());
        g.writeFieldName("errors");
        g.writeStartObject();
        for (Map.Entry<ErrorKind, Long> e : t.errors().entrySet()) {
            g.writeNumberField(e.getKey().wireName(), e.getValue());
        }
        g.writeEndObject();
        g.writeNumberField("not_modified", t.notModified()); // -N
        g.writeNumberField("flaky", t.retriedOk());          // the same count as retried_ok, by its name in reports
        g.writeNumberField("allowed", t.allowed());          // failures --allow-error reported as warnings
        g.writeEndObject();
        g.writeBooleanField("interrupted", run.interrupted()); // Ctrl-C
        Json.number(g, "not_started", run.notStarted());     // then: URLs never started (null: unknown)
        g.writeFieldName("shard");                            // --shard K/N, or null
        if (run.shard() == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            g.writeNumberField("index", run.shard().index());
            g.writeNumberField("total", run.shard().total());
            g.writeEndObject();
        }
    }
}
