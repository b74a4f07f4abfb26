package gather.engine.check;

import gather.body.BodyCapture;
import gather.body.TextSearch;
import gather.http1.Headers;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a final response showed, for the checks: status, headers, the decoded body's facts (size,
 * SHA-256, streaming searches, the body itself when a check needs it and it fits the bound),
 * times and the server certificate's expiry. One per response, on the thread that fetched it.
 */
public final class CheckContext {
    private final int status;
    private final Headers headers;
    private final long bytes;
    private final String sha256;
    private final BodyWatch body;
    private final long ttfbNanos;
    private final long latencyNanos;
    private final Instant certNotAfter;
    private final Instant now;
    private final Map<Object, Object> memo = new HashMap<>();

    /**
     * @param latencyNanos  the result's total so far: from the end of the queue wait to the last body byte
     * @param certNotAfter  the server's leaf certificate's expiry, or null without TLS
     * @param now           the time certificates are judged at
     */
    public CheckContext(int status, Headers headers, long bytes, String sha256, BodyWatch body, long ttfbNanos,
                        long latencyNanos, Instant certNotAfter, Instant now) {
        this.status = status;
        this.headers = headers;
        this.bytes = bytes;
        this.sha256 = sha256;
        this.body = body;
        this.ttfbNanos = ttfbNanos;
        this.latencyNanos = latencyNanos;
        this.certNotAfter = certNotAfter;
        this.now = now;
    }

    public int status() {
        return status;
    }

    /** Every value of a header field (case-insensitive name), in order. */
    public List<String> headers(String name) {
        return headers.all(name);
    }

    /** The decoded body's size. */
    public long bytes() {
        return bytes;
    }

    public String sha256() {
        return sha256;
    }

    /** Whether the decoded body contains this text (as UTF-8); only for a text a check's {@link Check#searches} named. */
    public boolean bodyContains(String text) {
        TextSearch s = body.searches().get(text);
        if (s == null) {
            throw new IllegalStateException("no search was run for '" + text + "'");
        }
        return s.found();
    }

    /** The decoded body as UTF-8 text, or null when it was larger than {@link #bodyLimit()} (and not kept). */
    public String bodyText() {
        BodyCapture c = capture();
        return c.overflowed() ? null : memo("text", c::text);
    }

    /** The decoded body's bytes, or null when it was larger than {@link #bodyLimit()}. */
    public byte[] bodyBytes() {
        BodyCapture c = capture();
        return c.overflowed() ? null : memo("bytes", c::bytes);
    }

    /** The largest body {@link #bodyText()} holds. */
    public int bodyLimit() {
        return capture().limit();
    }

    private BodyCapture capture() {
        if (body.capture() == null) {
            throw new IllegalStateException("the body was not kept: no check said it needs it");
        }
        return body.capture();
    }

    public long ttfbNanos() {
        return ttfbNanos;
    }

    public long latencyNanos() {
        return latencyNanos;
    }

    /** The server's leaf certificate's expiry, or null for plain http. */
    public Instant certNotAfter() {
        return certNotAfter;
    }

    public Instant now() {
        return now;
    }

    /** Computes a fact once per response, whichever check asks first (the parsed JSON body). */
    @SuppressWarnings("unchecked")
    public <T> T memo(Object key, Supplier<T> compute) {
        Object v = memo.get(key);
        if (v == null) {
            v = compute.get();
            memo.put(key, v);
        }
        return (T) v;
    }
}
