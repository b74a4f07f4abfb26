package gather.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One HTTP/1.1 request as received by {@link ScriptedServer}, fully read (head and body). */
public final class RecordedRequest {

    /** One header field line, name case preserved, value with surrounding whitespace trimmed. */
    public record Header(String name, String value) {
        @Override
        public String toString() {
            return name + ": " + value;
        }
    }

    private final String method;
    private final String target;
    private final String version;
    private final List<Header> headers;
    private final byte[] body;
    private final boolean chunked;
    private final int connectionIndex;
    private final int exchangeIndex;
    private final byte[] rawHead;

    public RecordedRequest(String method, String target, String version, List<Header> headers, byte[] body,
            boolean chunked, int connectionIndex, int exchangeIndex, byte[] rawHead) {
        this.method = method;
        this.target = target;
        this.version = version;
        this.headers = List.copyOf(headers);
        this.body = body.clone();
        this.chunked = chunked;
        this.connectionIndex = connectionIndex;
        this.exchangeIndex = exchangeIndex;
        this.rawHead = rawHead.clone();
    }

    /** e.g. {@code GET}. */
    public String method() {
        return method;
    }

    /** The request-target exactly as sent, e.g. {@code /a/b?q=1} (or an absolute URI via a proxy). */
    public String target() {
        return target;
    }

    /** The request-target up to (excluding) the first {@code '?'}. */
    public String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /** e.g. {@code HTTP/1.1}. */
    public String version() {
        return version;
    }

    /** All header fields in the order received, name case preserved. */
    public List<Header> headers() {
        return headers;
    }

    /** The first value of the header {@code name} (case-insensitive), or null. */
    public String header(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    /** All values of the header {@code name} (case-insensitive), in order; empty when absent. */
    public List<String> headers(String name) {
        List<String> values = new ArrayList<>();
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                values.add(h.value());
            }
        }
        return values;
    }

    /** The request body (de-chunked if it was sent chunked); empty when there was none. */
    public byte[] body() {
        return body.clone();
    }

    public String bodyUtf8() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Whether the body arrived with {@code Transfer-Encoding: chunked}. */
    public boolean chunked() {
        return chunked;
    }

    /** 0-based index of the connection (accepted socket, in accept order) this request came on. */
    public int connectionIndex() {
        return connectionIndex;
    }

    /** 0-based index of this request on its connection. */
    public int exchangeIndex() {
        return exchangeIndex;
    }

    /** The request line and header lines exactly as received, including the terminating blank line. */
    public byte[] rawHead() {
        return rawHead.clone();
    }

    public String rawHeadString() {
        return new String(rawHead, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s %s (conn %d, exchange %d, %d body bytes)", method, target, version,
                connectionIndex, exchangeIndex, body.length);
    }
}
