package gather.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
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
    // The contract's field names, as ready bytes (Json.name), in the order write() uses them.
    private static final SerializableString INDEX = Json.name("index");
    private static final SerializableString URL = Json.name("url");
    private static final SerializableString OK = Json.name("ok");
    private static final SerializableString STATUS = Json.name("status");
    private static final SerializableString REASON = Json.name("reason");
    private static final SerializableString HTTP_VERSION = Json.name("http_version");
    private static final SerializableString FINAL_URL = Json.name("final_url");
    private static final SerializableString REDIRECTS = Json.name("redirects");
    private static final SerializableString ATTEMPTS = Json.name("attempts");
    private static final SerializableString BYTES = Json.name("bytes");
    private static final SerializableString CONTENT_LENGTH = Json.name("content_length");
    private static final SerializableString CONTENT_TYPE = Json.name("content_type");
    private static final SerializableString SHA256 = Json.name("sha256");
    private static final SerializableString REMOTE_ADDRESS = Json.name("remote_address");
    private static final SerializableString REUSED_CONNECTION = Json.name("reused_connection");
    private static final SerializableString TLS = Json.name("tls");
    private static final SerializableString PROTOCOL = Json.name("protocol");
    private static final SerializableString CIPHER = Json.name("cipher");
    private static final SerializableString TIMING_MS = Json.name("timing_ms");
    private static final SerializableString QUEUE = Json.name("queue");
    private static final SerializableString DNS = Json.name("dns");
    private static final SerializableString CONNECT = Json.name("connect");
    private static final SerializableString TTFB = Json.name("ttfb");
    private static final SerializableString TOTAL = Json.name("total");
    private static final SerializableString SAVED_TO = Json.name("saved_to");
    private static final SerializableString ERROR = Json.name("error");
    private static final SerializableString KIND = Json.name("kind");
    private static final SerializableString MESSAGE = Json.name("message");
    private static final SerializableString CHECKS = Json.name("checks");
    private static final SerializableString NAME = Json.name("name");
    private static final SerializableString EXPECTED = Json.name("expected");
    private static final SerializableString SEEN = Json.name("seen");
    private static final SerializableString NOT_MODIFIED = Json.name("not_modified");
    private static final SerializableString RESUMED_FROM = Json.name("resumed_from");
    private static final SerializableString REPRODUCE = Json.name("reproduce");
    private static final SerializableString LINE = Json.name("line");
    private static final SerializableString FLAKY = Json.name("flaky");
    private static final SerializableString ALLOWED = Json.name("allowed");

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
        Json.number(g, INDEX, r.index());
        Json.text(g, URL, r.url());
        Json.bool(g, OK, r.ok());
        Json.number(g, STATUS, r.status());
        Json.text(g, REASON, r.reason());
        Json.text(g, HTTP_VERSION, r.httpVersion());
        Json.text(g, FINAL_URL, r.finalUrl());
        Json.number(g, REDIRECTS, r.redirects());
        Json.number(g, ATTEMPTS, r.attempts());
        Json.number(g, BYTES, r.bytes());
        Json.number(g, CONTENT_LENGTH, r.contentLength());
        Json.text(g, CONTENT_TYPE, r.contentType());
        Json.plain(g, SHA256, r.sha256());
        Json.plain(g, REMOTE_ADDRESS, r.remoteAddress());
        Json.bool(g, REUSED_CONNECTION, r.reusedConnection());
        g.writeFieldName(TLS);
        if (r.tls() == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            Json.plain(g, PROTOCOL, r.tls().protocol());
            Json.plain(g, CIPHER, r.tls().cipher());
            g.writeEndObject();
        }
        FetchResult.Timings t = r.timing();
        g.writeFieldName(TIMING_MS);
        g.writeStartObject();
        Json.millis(g, QUEUE, t.queueNanos());
        Json.millis(g, DNS, t.dnsNanos());
        Json.millis(g, CONNECT, t.connectNanos());
        Json.millis(g, TLS, t.tlsNanos());
        Json.millis(g, TTFB, t.ttfbNanos());
        Json.millis(g, TOTAL, t.totalNanos());
        g.writeEndObject();
        Json.text(g, SAVED_TO, r.savedTo());
        g.writeFieldName(ERROR);
        if (r.ok()) {
            g.writeNull();
        } else {
            g.writeStartObject();
            Json.plain(g, KIND, r.error().kind().wireName());
            Json.text(g, MESSAGE, r.error().message());
            g.writeEndObject();
        }
        g.writeFieldName(CHECKS); // every check the final response failed; [] when none did
        g.writeStartArray();
        for (CheckFailure c : r.checks()) {
            g.writeStartObject();
            Json.plain(g, NAME, c.name());
            Json.text(g, EXPECTED, c.expected());
            Json.text(g, SEEN, c.seen());
            g.writeEndObject();
        }
        g.writeEndArray();
        Json.bool(g, NOT_MODIFIED, r.notModified()); // -N: a 304 kept the saved file
        Json.number(g, RESUMED_FROM, r.resumedFrom());  // -C: bytes that came from an earlier run's part
        Json.text(g, REPRODUCE, r.reproduce());             // a failure's equivalent curl command
        Json.number(g, LINE, r.line());                     // its line in the input file (null: an argument)
        Json.text(g, NAME, r.name());                       // its line's label
        Json.bool(g, FLAKY, r.retriedOk());          // ok only after a retry
        Json.bool(g, ALLOWED, r.allowed());          // a failure --allow-error turns into a warning
        g.writeEndObject();
    }
}
