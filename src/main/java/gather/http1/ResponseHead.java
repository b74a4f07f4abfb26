package gather.http1;

import gather.result.FetchException;
import java.io.IOException;

/**
 * A parsed status line and header section (RFC 9112 sections 4 and 5).
 * {@link #read(HttpInput, HttpLimits)} is the parser: strict about what breaks framing, tolerant
 * where the RFC lets a user agent be (bare LF, obs-fold, a missing reason phrase).
 */
public record ResponseHead(String version, int status, String reason, Headers headers) {

    public boolean isHttp10() {
        return "HTTP/1.0".equals(version);
    }

    /** May the connection carry another request after this response (framing permitting)? */
    public boolean keepAlive() {
        if (headers.hasToken("Connection", "close")) {
            return false;
        }
        if (isHttp10() && headers.has("Transfer-Encoding")) {
            return false;   // RFC 9112 6.1: framing of an HTTP/1.0 message with Transfer-Encoding is faulty; close after it
        }
        return !isHttp10() || headers.hasToken("Connection", "keep-alive");
    }

    /**
     * Reads one response head. Returns null when the stream ended before its first byte (the
     * caller decides whether that is an empty reply or a stale keep-alive connection).
     */
    public static ResponseHead read(HttpInput in, HttpLimits limits) throws IOException {
        return read(in, limits, seen -> { });
    }

    /**
     * Like {@link #read(HttpInput, HttpLimits)}; {@code statusSeen} gets the status line (as a head
     * without fields) as soon as it is parsed, so a head cut off after it still tells its status.
     */
    public static ResponseHead read(HttpInput in, HttpLimits limits, java.util.function.Consumer<ResponseHead> statusSeen)
            throws IOException {
        int budget = limits.maxHeadBytes();
        String statusLine = in.readLine(Math.min(limits.maxLineBytes(), budget));
        if (statusLine == null) {
            return null;
        }
        // Tolerate a stray empty line before the status line (left over after a previous body).
        if (statusLine.isEmpty()) {
            statusLine = in.readLine(Math.min(limits.maxLineBytes(), budget));
            if (statusLine == null) {
                throw FetchException.truncated("connection closed before the status line");
            }
        }
        budget -= statusLine.length() + 2;
        ResponseHead partial = parseStatusLine(statusLine);
        statusSeen.accept(partial);
        Headers headers = partial.headers;
        while (true) {
            // every line costs its length + 2 (CRLF), and the empty line that ends the head must fit too
            if (budget < 2) {
                throw FetchException.protocol("response head larger than " + limits.maxHeadBytes() + " bytes");
            }
            String line = in.readLine(Math.min(limits.maxLineBytes(), budget - 2));
            if (line == null) {
                throw FetchException.truncated("connection closed in the response head");
            }
            budget -= line.length() + 2;
            if (line.isEmpty()) {
                return partial;
            }
            char c0 = line.charAt(0);
            if (c0 == ' ' || c0 == '\t') {
                if (headers.size() == 0) {
                    throw FetchException.protocol("header continuation line before any header");
                }
                String more = trimOws(line);
                checkValue(more);
                headers.appendToLast(more);
                continue;
            }
            if (headers.size() >= limits.maxHeaders()) {
                throw FetchException.protocol("more than " + limits.maxHeaders() + " header fields");
            }
            parseField(line, headers);
        }
    }

    static ResponseHead parseStatusLine(String line) throws FetchException {
        // HTTP-version SP status-code SP [ reason-phrase ]
        if (line.length() < 12 || !line.startsWith("HTTP/") || line.charAt(8) != ' ') {
            // "HTTP/1.1 200" (no space, no reason) is 12 characters; anything shorter is broken
            if (!(line.length() == 12 && line.startsWith("HTTP/"))) {
                throw FetchException.protocol("malformed status line: " + printable(line));
            }
        }
        String version = line.substring(0, 8);
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            throw FetchException.protocol("unsupported HTTP version in status line: " + printable(line));
        }
        if (line.charAt(8) != ' ') {
            throw FetchException.protocol("malformed status line: " + printable(line));
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                throw FetchException.protocol("malformed status code in status line: " + printable(line));
            }
            status = status * 10 + (c - '0');
        }
        if (status < 100 || status > 599) {
            throw FetchException.protocol("status code " + status + " outside 100-599");
        }
        String reason = "";
        if (line.length() > 12) {
            if (line.charAt(12) != ' ') {
                throw FetchException.protocol("malformed status line: " + printable(line));
            }
            reason = line.substring(13);
            for (int i = 0; i < reason.length(); i++) {
                char c = reason.charAt(i);
                if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    throw FetchException.protocol("control character in reason phrase");
                }
            }
        }
        return new ResponseHead(version, status, reason, new Headers());
    }

    private static void parseField(String line, Headers headers) throws FetchException {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw FetchException.protocol("header line without a field name and colon: " + printable(line));
        }
        for (int i = 0; i < colon; i++) {
            if (!isTokenChar(line.charAt(i))) {
                char c = line.charAt(i);
                throw FetchException.protocol(c == ' ' || c == '\t'
                        ? "white space before the colon in header line: " + printable(line)
                        : "invalid character in header name: " + printable(line));
            }
        }
        String value = trimOws(line, colon + 1, line.length()); // one String, not a substring trimmed again
        checkValue(value);
        headers.add(line.substring(0, colon), value);
    }

    private static void checkValue(String value) throws FetchException {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0 || c == '\r' || c == '\n') {
                throw FetchException.protocol("NUL or CR inside a header value");
            }
        }
    }

    /**
     * Removes optional white space (SP and HTAB only, RFC 9110 5.6.3) from both ends. Not
     * {@link String#strip()}: that also removes CR, VT, FF and 0x1c-0x1f, so a bare CR at the end
     * of a value would slip past {@link #checkValue}.
     */
    static String trimOws(String s) {
        return trimOws(s, 0, s.length());
    }

    /** {@link #trimOws(String)} of {@code s.substring(start, end)}, with one substring only. */
    private static String trimOws(String s, int start, int end) {
        while (start < end && isOws(s.charAt(start))) {
            start++;
        }
        while (end > start && isOws(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }

    /** tchar of RFC 9110 5.6.2, by ASCII code. */
    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TOKEN[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TOKEN[c] = true;
            TOKEN[c - 'a' + 'A'] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TOKEN[c] = true;
        }
    }

    static boolean isTokenChar(char c) {
        return c < 128 && TOKEN[c];
    }

    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        int n = Math.min(s.length(), 80);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        if (s.length() > n) {
            sb.append("...");
        }
        return '"' + sb.toString() + '"';
    }
}
