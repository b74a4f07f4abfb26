package gather.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A response script for {@link ScriptedServer}: what bytes to send, and how (delay, trickle, stall, cut).
 *
 * <p>Either raw ({@link #raw(byte[])}: bytes written verbatim, the test does the framing), or built from a
 * status, headers and a body framed by Content-Length (default), chunked, close-delimited, or no body at all.
 * Built responses add the framing header ({@code Content-Length} / {@code Transfer-Encoding: chunked}) after the
 * test's headers unless the test set that header itself (so a lying Content-Length can be scripted). For a
 * {@code HEAD} request the body of a built response is omitted (its headers are unchanged). Strings are
 * encoded as UTF-8.
 *
 * <p>Builder methods mutate and return {@code this}; once enqueued, do not modify a response any more. The
 * same instance may be served several times (e.g. returned by a dispatcher).
 */
public final class ScriptedResponse {

    enum Framing { CONTENT_LENGTH, CHUNKED, CLOSE_DELIMITED, NONE }

    private static final byte[] EMPTY = new byte[0];
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(100, "Continue"), Map.entry(101, "Switching Protocols"), Map.entry(103, "Early Hints"),
            Map.entry(200, "OK"), Map.entry(201, "Created"), Map.entry(202, "Accepted"),
            Map.entry(204, "No Content"), Map.entry(206, "Partial Content"),
            Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"), Map.entry(303, "See Other"),
            Map.entry(304, "Not Modified"), Map.entry(307, "Temporary Redirect"),
            Map.entry(308, "Permanent Redirect"), Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
            Map.entry(408, "Request Timeout"), Map.entry(410, "Gone"), Map.entry(416, "Range Not Satisfiable"),
            Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"),
            Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"),
            Map.entry(504, "Gateway Timeout"));

    private final byte[] raw; // non-null: raw mode
    private int code = 200;
    private String reason = "OK";
    private final List<RecordedRequest.Header> headers = new ArrayList<>();
    private final List<RecordedRequest.Header> trailers = new ArrayList<>();
    private byte[] body = EMPTY;
    private Framing framing = Framing.CONTENT_LENGTH;
    private int chunkSize = Integer.MAX_VALUE;
    private byte[] prefix = EMPTY;

    private Duration delay = Duration.ZERO;
    private int throttleBytes = 0;
    private Duration throttlePause = Duration.ZERO;
    private boolean stallAfterHead;
    private long stallAfterBytes = -1;
    private long closeAfterBytes = -1;
    private boolean closeImmediately;
    private boolean resetImmediately;
    private Boolean keepOpen;

    private ScriptedResponse(byte[] raw) {
        this.raw = raw;
    }

    // ---- factories --------------------------------------------------------------------------

    /** Bytes written verbatim (after any delay, subject to throttle/stall/close). */
    public static ScriptedResponse raw(byte[] bytes) {
        return new ScriptedResponse(bytes.clone());
    }

    /** {@link #raw(byte[])} of the UTF-8 bytes of {@code text}. */
    public static ScriptedResponse raw(String text) {
        return raw(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code HTTP/1.1 200 OK} with {@code Content-Length: 0}. */
    public static ScriptedResponse ok() {
        return new ScriptedResponse(null);
    }

    /** {@code HTTP/1.1 200 OK} with the body and its Content-Length. */
    public static ScriptedResponse ok(String body) {
        return ok().body(body);
    }

    public static ScriptedResponse ok(byte[] body) {
        return ok().body(body);
    }

    /** A response with this status (standard reason phrase) and {@code Content-Length: 0}. */
    public static ScriptedResponse of(int code) {
        return ok().status(code);
    }

    public static ScriptedResponse of(int code, String reason) {
        return ok().status(code, reason);
    }

    /** {@code HTTP/1.1 404 Not Found}, {@code Content-Length: 0}: the server's default answer. */
    public static ScriptedResponse notFound() {
        return of(404);
    }

    /** A redirect ({@code code} e.g. 301/302/303/307/308) with a Location header and an empty body. */
    public static ScriptedResponse redirect(int code, String location) {
        return of(code).header("Location", location);
    }

    // ---- message ----------------------------------------------------------------------------

    public ScriptedResponse status(int code) {
        return status(code, REASONS.getOrDefault(code, "Status " + code));
    }

    /** Status line {@code HTTP/1.1 <code> <reason>} (reason may be empty). */
    public ScriptedResponse status(int code, String reason) {
        requireBuilt();
        this.code = code;
        this.reason = Objects.requireNonNull(reason);
        return this;
    }

    /** Adds a header line (in order; repeatable). */
    public ScriptedResponse header(String name, String value) {
        requireBuilt();
        headers.add(new RecordedRequest.Header(name, value));
        return this;
    }

    /** Body framed by Content-Length. */
    public ScriptedResponse body(byte[] body) {
        requireBuilt();
        this.body = body.clone();
        this.framing = Framing.CONTENT_LENGTH;
        return this;
    }

    public ScriptedResponse body(String body) {
        return body(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Body sent with {@code Transfer-Encoding: chunked}, in chunks of at most {@code chunkSize} bytes. */
    public ScriptedResponse chunked(byte[] body, int chunkSize) {
        requireBuilt();
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("chunkSize must be > 0");
        }
        this.body = body.clone();
        this.framing = Framing.CHUNKED;
        this.chunkSize = chunkSize;
        return this;
    }

    public ScriptedResponse chunked(String body, int chunkSize) {
        return chunked(body.getBytes(StandardCharsets.UTF_8), chunkSize);
    }

    /** Trailer field sent after the last chunk (chunked bodies only). */
    public ScriptedResponse trailer(String name, String value) {
        requireBuilt();
        trailers.add(new RecordedRequest.Header(name, value));
        return this;
    }

    /** Body with no length: the server closes the connection after it (so keepOpen defaults to false). */
    public ScriptedResponse closeDelimited(byte[] body) {
        requireBuilt();
        this.body = body.clone();
        this.framing = Framing.CLOSE_DELIMITED;
        return this;
    }

    public ScriptedResponse closeDelimited(String body) {
        return closeDelimited(body.getBytes(StandardCharsets.UTF_8));
    }

    /** No body and no framing header at all (as for 204 / 304). */
    public ScriptedResponse noBody() {
        requireBuilt();
        this.body = EMPTY;
        this.framing = Framing.NONE;
        return this;
    }

    /** Raw bytes sent before the status line, e.g. an interim {@code HTTP/1.1 100 Continue\r\n\r\n}. */
    public ScriptedResponse prefix(String rawBytes) {
        requireBuilt();
        this.prefix = rawBytes.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    // ---- behaviour --------------------------------------------------------------------------

    /** Wait this long (after the request was read) before writing anything. */
    public ScriptedResponse delay(Duration delay) {
        this.delay = Objects.requireNonNull(delay);
        return this;
    }

    /** Write {@code bytesPerChunk} bytes at a time (flushing each), pausing {@code pause} in between. */
    public ScriptedResponse throttle(int bytesPerChunk, Duration pause) {
        if (bytesPerChunk <= 0) {
            throw new IllegalArgumentException("bytesPerChunk must be > 0");
        }
        this.throttleBytes = bytesPerChunk;
        this.throttlePause = Objects.requireNonNull(pause);
        return this;
    }

    /**
     * Write the response head (prefix, status line, headers, blank line), then never write anything more and
     * never close until the server is closed. For raw responses, the head ends at the first blank line.
     */
    public ScriptedResponse stall() {
        this.stallAfterHead = true;
        this.stallAfterBytes = -1;
        return this;
    }

    /** Write the first {@code n} bytes of the response, then hang until the server is closed. */
    public ScriptedResponse stallAfterBytes(long n) {
        this.stallAfterBytes = n;
        this.stallAfterHead = false;
        return this;
    }

    /** Write the first {@code n} bytes of the response (all of it if shorter), then close the connection. */
    public ScriptedResponse closeAfterBytes(long n) {
        this.closeAfterBytes = n;
        return this;
    }

    /** Close the connection (FIN) after reading the request, without writing anything. */
    public ScriptedResponse closeImmediately() {
        this.closeImmediately = true;
        return this;
    }

    /** Reset the connection (SO_LINGER 0, so an RST) after reading the request, without writing anything. */
    public ScriptedResponse resetImmediately() {
        this.resetImmediately = true;
        return this;
    }

    /**
     * Whether to keep reading requests on this connection after this response. Default: true, unless the
     * response is close-delimited or has a {@code Connection: close} header.
     */
    public ScriptedResponse keepOpen(boolean keepOpen) {
        this.keepOpen = keepOpen;
        return this;
    }

    // ---- rendering ----------------------------------------------------------------------------

    /** The complete response bytes as sent for a non-HEAD request (before any cut/stall). */
    public byte[] toBytes() {
        return toBytes(false);
    }

    /** The complete response bytes; {@code headRequest} omits a built response's body. */
    public byte[] toBytes(boolean headRequest) {
        if (raw != null) {
            return raw.clone();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head());
        if (headRequest) {
            return out.toByteArray();
        }
        if (framing == Framing.CHUNKED) {
            for (int off = 0; off < body.length; off += chunkSize) {
                int n = Math.min(chunkSize, body.length - off);
                out.writeBytes(ascii(Integer.toHexString(n) + "\r\n"));
                out.write(body, off, n);
                out.writeBytes(ascii("\r\n"));
            }
            StringBuilder end = new StringBuilder("0\r\n");
            for (RecordedRequest.Header t : trailers) {
                end.append(t.name()).append(": ").append(t.value()).append("\r\n");
            }
            out.writeBytes(ascii(end.append("\r\n").toString()));
        } else {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    private byte[] head() {
        StringBuilder sb = new StringBuilder();
        sb.append("HTTP/1.1 ").append(code).append(' ').append(reason).append("\r\n");
        for (RecordedRequest.Header h : headers) {
            sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        if (framing == Framing.CONTENT_LENGTH && !hasHeader("Content-Length") && !hasHeader("Transfer-Encoding")) {
            sb.append("Content-Length: ").append(body.length).append("\r\n");
        } else if (framing == Framing.CHUNKED && !hasHeader("Transfer-Encoding")) {
            sb.append("Transfer-Encoding: chunked\r\n");
        }
        sb.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(prefix);
        out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private boolean hasHeader(String name) {
        return headers.stream().anyMatch(h -> h.name().equalsIgnoreCase(name));
    }

    // ---- package-private accessors for ScriptedServer -------------------------------------------

    Duration delay() {
        return delay;
    }

    int throttleBytes() {
        return throttleBytes;
    }

    Duration throttlePause() {
        return throttlePause;
    }

    boolean closeImmediatelyRequested() {
        return closeImmediately;
    }

    boolean resetImmediatelyRequested() {
        return resetImmediately;
    }

    long closeAfterBytes() {
        return closeAfterBytes;
    }

    /** Byte offset at which to stall in {@code bytes} (the rendered response), or -1. */
    long stallOffset(byte[] bytes) {
        if (stallAfterBytes >= 0) {
            return stallAfterBytes;
        }
        if (!stallAfterHead) {
            return -1;
        }
        if (raw == null) {
            return head().length;
        }
        for (int i = 0; i + 3 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                return i + 4;
            }
        }
        return bytes.length;
    }

    boolean keepOpenAfter() {
        if (keepOpen != null) {
            return keepOpen;
        }
        if (raw != null) {
            String s = new String(raw, StandardCharsets.ISO_8859_1);
            int end = s.indexOf("\r\n\r\n");
            String head = (end < 0 ? s : s.substring(0, end)).toLowerCase(Locale.ROOT);
            return !head.matches("(?s).*\r\nconnection:[^\r\n]*close.*");
        }
        if (framing == Framing.CLOSE_DELIMITED) {
            return false;
        }
        for (RecordedRequest.Header h : headers) {
            if (h.name().equalsIgnoreCase("Connection") && h.value().toLowerCase(Locale.ROOT).contains("close")) {
                return false;
            }
        }
        return true;
    }

    private void requireBuilt() {
        if (raw != null) {
            throw new IllegalStateException("raw responses are written verbatim; build the bytes yourself");
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return raw != null ? "raw(" + raw.length + " bytes)" : "HTTP/1.1 " + code + " " + reason + " " + framing;
    }
}
