package gather.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import gather.result.FetchResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** One result as the contract's JSON object, fields in the contract's order. */
public final class ResultJson {
    static final JsonFactory FACTORY = new JsonFactory();

    private ResultJson() { }

    /** Milliseconds with one decimal. */
    static double ms(long nanos) {
        return Math.round(nanos / 1e5) / 10.0;
    }

    public static byte[] bytes(FetchResult r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(768);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static void write(JsonGenerator g, FetchResult r) throws IOException {
        g.writeStartObject();
        g.writeNumberField("index", r.index);
        g.writeStringField("url", r.url);
        g.writeBooleanField("ok", r.ok());
        nullableInt(g, "status", r.status);
        g.writeStringField("reason", r.reason);
        g.writeStringField("http_version", r.httpVersion);
        g.writeStringField("final_url", r.finalUrl);
        g.writeNumberField("redirects", r.redirects);
        g.writeNumberField("attempts", r.attempts);
        g.writeNumberField("bytes", r.bytes);
        if (r.contentLength == null) {
            g.writeNullField("content_length");
        } else {
            g.writeNumberField("content_length", r.contentLength);
        }
        g.writeStringField("content_type", r.contentType);
        g.writeStringField("sha256", r.sha256);
        g.writeStringField("remote_address", r.remoteAddress);
        g.writeBooleanField("reused_connection", r.reusedConnection);
        if (r.tlsProtocol == null) {
            g.writeNullField("tls");
        } else {
            g.writeObjectFieldStart("tls");
            g.writeStringField("protocol", r.tlsProtocol);
            g.writeStringField("cipher", r.tlsCipher);
            g.writeEndObject();
        }
        g.writeObjectFieldStart("timing_ms");
        g.writeNumberField("queue", ms(r.queueNanos));
        g.writeNumberField("dns", ms(r.dnsNanos));
        g.writeNumberField("connect", ms(r.connectNanos));
        g.writeNumberField("tls", ms(r.tlsNanos));
        g.writeNumberField("ttfb", ms(r.ttfbNanos));
        g.writeNumberField("total", ms(r.totalNanos));
        g.writeEndObject();
        g.writeStringField("saved_to", r.savedTo);
        if (r.ok()) {
            g.writeNullField("error");
        } else {
            g.writeObjectFieldStart("error");
            g.writeStringField("kind", r.errorKind.wireName());
            g.writeStringField("message", r.errorMessage);
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void nullableInt(JsonGenerator g, String name, Integer v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }
}
