package gather.report;

import com.fasterxml.jackson.core.JsonGenerator;
import gather.result.CheckFailure;
import gather.result.FetchResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One result as the contract's JSON object, fields in the contract's order: a field is one line
 * here. Text that came from outside (URLs, the server's words, messages) goes through
 * {@link Json#text}, which cleans it; what gather made itself through {@link Json#plain}.
 */
final class ResultJson {
    private ResultJson() { }

    /**
     * The result's JSON object alone, compact, as UTF-8 bytes: the bytes it has in the document,
     * in the summary file and on a --jsonl line.
     */
    static byte[] bytes(FetchResult r) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = Json.generator(b)) {
            write(g, r);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array cannot fail
        }
        return b.toByteArray();
    }

    static void write(JsonGenerator g, FetchResult r) throws IOException {
        g.writeStartObject();
        g.writeNumberField("index", r.index());
        Json.text(g, "url", r.url());
        g.writeBooleanField("ok", r.ok());
        Json.number(g, "status", r.status());
        Json.text(g, "reason", r.reason());
        Json.text(g, "http_version", r.httpVersion());
        Json.text(g, "final_url", r.finalUrl());
        g.writeNumberField("redirects", r.redirects());
        g.writeNumberField("attempts", r.attempts());
        g.writeNumberField("bytes", r.bytes());
        Json.number(g, "content_length", r.contentLength());
        Json.text(g, "content_type", r.contentType());
        Json.plain(g, "sha256", r.sha256());
        Json.plain(g, "remote_address", r.remoteAddress());
        g.writeBooleanField("reused_connection", r.reusedConnection());
        g.writeFieldName("tls");
        if (r.tls() == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            Json.plain(g, "protocol", r.tls().protocol());
            Json.plain(g, "cipher", r.tls().cipher());
            g.writeEndObject();
        }
        FetchResult.Timings t = r.timing();
        g.writeFieldName("timing_ms");
        g.writeStartObject();
        Json.millis(g, "queue", t.queueNanos());
        Json.millis(g, "dns", t.dnsNanos());
        Json.millis(g, "connect", t.connectNanos());
        Json.millis(g, "tls", t.tlsNanos());
        Json.millis(g, "ttfb", t.ttfbNanos());
        Json.millis(g, "total", t.totalNanos());
        g.writeEndObject();
        Json.text(g, "saved_to", r.savedTo());
        g.writeFieldName("error");
        if (r.ok()) {
            g.writeNull();
        } else {
            g.writeStartObject();
            Json.plain(g, "kind", r.error().kind().wireName());
            Json.text(g, "message", r.error().message());
            g.writeEndObject();
        }
        g.writeFieldName("checks"); // every check the final response failed; [] when none did
        g.writeStartArray();
        for (CheckFailure c : r.checks()) {
            g.writeStartObject();
            Json.plain(g, "name", c.name());
            Json.text(g, "expected", c.expected());
            Json.text(g, "seen", c.seen());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeBooleanField("not_modified", r.notModified()); // -N: a 304 kept the saved file
        g.writeNumberField("resumed_from", r.resumedFrom());  // -C: bytes that came from an earlier run's part
        Json.text(g, "reproduce", r.reproduce());             // a failure's equivalent curl command
        Json.number(g, "line", r.line());                     // its line in the input file (null: an argument)
        Json.text(g, "name", r.name());                       // its line's label
        g.writeBooleanField("flaky", r.retriedOk());          // ok only after a retry
        g.writeBooleanField("allowed", r.allowed());          // a failure --allow-error turns into a warning
        g.writeEndObject();
    }
}
