package gather.report;

import com.fasterxml.jackson.databind.JsonNode;
import gather.result.CheckFailure;
import gather.result.ErrorKind;
import gather.result.FetchResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A result object of the JSON document read back into a {@link FetchResult} (for merge): every
 * field the contract writes, milliseconds back to nanoseconds (written again they print the same).
 * The transcript and the start offset are not in the document and stay empty.
 */
public final class ResultReader {
    private ResultReader() { }

    /** @throws IllegalArgumentException when the object is not a result of the contract */
    public static FetchResult read(JsonNode r) {
        if (!r.hasNonNull("index") || !r.hasNonNull("url") || !r.hasNonNull("ok")) {
            throw new IllegalArgumentException("a result needs index, url and ok");
        }
        FetchResult.Builder b = FetchResult.builder(r.get("index").asLong(), r.get("url").asText())
                .statusLine(intOrNull(r.get("status")), text(r.get("reason")), text(r.get("http_version")))
                .finalUrl(text(r.get("final_url")))
                .redirects(r.path("redirects").asInt())
                .attempts(r.path("attempts").asInt())
                .body(r.path("bytes").asLong(), text(r.get("sha256")))
                .contentLength(r.hasNonNull("content_length") ? r.get("content_length").asLong() : null)
                .contentType(text(r.get("content_type")))
                .connection(text(r.get("remote_address")), r.path("reused_connection").asBoolean(),
                        r.hasNonNull("tls") ? new FetchResult.Tls(text(r.get("tls").get("protocol")),
                                text(r.get("tls").get("cipher"))) : null)
                .savedTo(text(r.get("saved_to")))
                .notModified(r.path("not_modified").asBoolean())
                .resumedFrom(r.path("resumed_from").asLong())
                .reproduce(text(r.get("reproduce")))
                .input(intOrNull(r.get("line")), text(r.get("name")));
        JsonNode t = r.path("timing_ms");
        b.queueNanos(nanos(t.get("queue"))).phases(nanos(t.get("dns")), nanos(t.get("connect")), nanos(t.get("tls")))
                .ttfbNanos(nanos(t.get("ttfb"))).totalNanos(nanos(t.get("total")));
        if (r.hasNonNull("error")) {
            String kind = r.get("error").path("kind").asText();
            b.fail(ErrorKind.valueOf(kind.toUpperCase(Locale.ROOT)), text(r.get("error").get("message")));
        }
        List<CheckFailure> checks = new ArrayList<>();
        for (JsonNode c : r.path("checks")) {
            checks.add(new CheckFailure(text(c.get("name")), text(c.get("expected")), text(c.get("seen"))));
        }
        b.checks(checks);
        FetchResult result = b.build();
        return r.path("allowed").asBoolean() ? result.allowedFailure() : result;
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Integer intOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : n.asInt();
    }

    /** Milliseconds with one decimal back to nanoseconds: written again, they round to the same tenth. */
    private static long nanos(JsonNode ms) {
        return ms == null || ms.isNull() ? 0 : Math.round(ms.asDouble() * 1e6);
    }
}
