package gather.compare;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * A diff as one JSON object (snake_case, like the summary document):
 * {@code {"schema":1,"tool":"gather","kind":"diff","old":FILE,"new":FILE,"latency_threshold":{...},
 * "regressed":BOOL,"counts":{...},"new_failures":[...],...,"added":[...],"removed":[...]}}. A
 * matched entry is {@code {"url","old":RESULT,"new":RESULT}}; an added one has only "new", a
 * removed one only "old"; RESULT holds index, ok, status, error_kind, sha256, total_ms, line, name.
 */
public final class DiffJson {
    public static final int SCHEMA = 1;
    private static final JsonFactory FACTORY = new JsonFactory();

    private DiffJson() { }

    public static void write(Writer w, Diff d) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("schema", SCHEMA);
            g.writeStringField("tool", "gather");
            g.writeStringField("kind", "diff");
            g.writeStringField("old", d.oldSource());
            g.writeStringField("new", d.newSource());
            g.writeObjectFieldStart("latency_threshold");
            g.writeNumberField("ratio", d.threshold().ratio());
            g.writeNumberField("floor_ms", d.threshold().floorMs());
            g.writeEndObject();
            g.writeBooleanField("regressed", d.regressed());
            g.writeObjectFieldStart("counts");
            g.writeNumberField("matched", d.matched());
            g.writeNumberField("new_failures", d.newFailures().size());
            g.writeNumberField("added_failures", d.addedFailures().size());
            g.writeNumberField("status_changes", d.statusChanges().size());
            g.writeNumberField("latency_regressions", d.latencyRegressions().size());
            g.writeNumberField("recoveries", d.recoveries().size());
            g.writeNumberField("still_failing", d.stillFailing().size());
            g.writeNumberField("body_changes", d.bodyChanges().size());
            g.writeNumberField("added", d.added().size());
            g.writeNumberField("removed", d.removed().size());
            g.writeEndObject();
            pairs(g, "new_failures", d.newFailures());
            pairs(g, "status_changes", d.statusChanges());
            pairs(g, "latency_regressions", d.latencyRegressions());
            pairs(g, "recoveries", d.recoveries());
            pairs(g, "still_failing", d.stillFailing());
            pairs(g, "body_changes", d.bodyChanges());
            g.writeArrayFieldStart("added");
            for (RunResult r : d.added()) {
                g.writeStartObject();
                g.writeStringField("url", r.url());
                result(g, "new", r);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("removed");
            for (RunResult r : d.removed()) {
                g.writeStartObject();
                g.writeStringField("url", r.url());
                result(g, "old", r);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
        w.flush();
    }

    private static void pairs(JsonGenerator g, String name, List<Diff.Pair> pairs) throws IOException {
        g.writeArrayFieldStart(name);
        for (Diff.Pair p : pairs) {
            g.writeStartObject();
            g.writeStringField("url", p.now().url());
            result(g, "old", p.old());
            result(g, "new", p.now());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void result(JsonGenerator g, String name, RunResult r) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("index", r.index());
        g.writeBooleanField("ok", r.ok());
        nullableNumber(g, "status", r.status() == null ? null : r.status().doubleValue(), true);
        g.writeStringField("error_kind", r.errorKind());
        g.writeStringField("sha256", r.sha256());
        nullableNumber(g, "total_ms", r.totalMs(), false);
        nullableNumber(g, "line", r.line() == null ? null : r.line().doubleValue(), true);
        g.writeStringField("name", r.name());
        g.writeEndObject();
    }

    private static void nullableNumber(JsonGenerator g, String name, Double v, boolean integral) throws IOException {
        g.writeFieldName(name);
        if (v == null) {
            g.writeNull();
        } else if (integral) {
            g.writeNumber(v.longValue());
        } else {
            g.writeNumber(v);
        }
    }
}
