package gather.http1;

import gather.result.FetchException;
import java.util.List;

/**
 * How a response body is delimited (RFC 9112 section 6.3), decided in exactly one place:
 * {@link #of(String, int, Headers)}, a pure function of request method, status and headers.
 */
public sealed interface BodyFraming {
    /** No body at all: HEAD, 1xx, 204, 304. */
    record None() implements BodyFraming {
        @Override
        public boolean allowsReuse() {
            return true;
        }
    }

    /** Exactly {@code length} bytes (Content-Length). */
    record FixedLength(long length) implements BodyFraming {
        @Override
        public boolean allowsReuse() {
            return true;
        }
    }

    /** Chunked transfer coding as the final coding. {@code ignoredContentLength}: a Content-Length was also sent. */
    record Chunked(boolean ignoredContentLength) implements BodyFraming {
        @Override
        public boolean allowsReuse() {
            return !ignoredContentLength;
        }
    }

    /** Everything until the server closes the connection. */
    record UntilClose() implements BodyFraming {
        @Override
        public boolean allowsReuse() {
            return false;
        }
    }

    BodyFraming NONE = new None();
    BodyFraming UNTIL_CLOSE = new UntilClose();

    /**
     * Can the connection carry another exchange once a body so framed is fully read? (Each
     * record answers for itself: a pattern switch here would spin a class at run time, on every
     * start of the program, that the AOT cache cannot hold.)
     */
    boolean allowsReuse();

    static BodyFraming of(String method, int status, Headers headers) throws FetchException {
        if ("HEAD".equals(method) || (status >= 100 && status < 200) || status == 204 || status == 304) {
            return NONE;
        }
        if ("CONNECT".equals(method) && status >= 200 && status < 300) {
            return NONE;
        }
        List<String> codings = headers.elements("Transfer-Encoding");
        boolean hasLength = headers.has("Content-Length");
        if (headers.has("Transfer-Encoding")) {
            if (codings.isEmpty()) {
                throw FetchException.protocol("empty Transfer-Encoding header");
            }
            int chunkedAt = -1;
            for (int i = 0; i < codings.size(); i++) {
                if (codings.get(i).equalsIgnoreCase("chunked")) {
                    if (chunkedAt >= 0) {
                        throw FetchException.protocol("chunked transfer coding applied more than once");
                    }
                    chunkedAt = i;
                }
            }
            if (chunkedAt == codings.size() - 1) {
                return new Chunked(hasLength);
            }
            // chunked absent or not final: the body runs until the server closes (RFC 9112 6.3 item 4)
            return UNTIL_CLOSE;
        }
        if (hasLength) {
            return new FixedLength(contentLength(headers));
        }
        return UNTIL_CLOSE;
    }

    /**
     * The Content-Length value: every field and every comma-separated element must be the same
     * non-negative decimal number (RFC 9110 8.6); anything else is a protocol error.
     */
    static long contentLength(Headers headers) throws FetchException {
        long value = -1;
        for (String field : headers.all("Content-Length")) {
            for (String part : field.split(",", -1)) {
                String t = ResponseHead.trimOws(part);
                long v = parseLength(t);
                if (value >= 0 && v != value) {
                    throw FetchException.protocol("conflicting Content-Length values");
                }
                value = v;
            }
        }
        if (value < 0) {
            throw FetchException.protocol("empty Content-Length header");
        }
        return value;
    }

    private static long parseLength(String t) throws FetchException {
        if (t.isEmpty() || t.length() > 18) {
            throw FetchException.protocol(t.isEmpty() ? "empty Content-Length value"
                    : "Content-Length too large: " + ResponseHead.printable(t));
        }
        long v = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                throw FetchException.protocol("invalid Content-Length: " + ResponseHead.printable(t));
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
