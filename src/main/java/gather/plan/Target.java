package gather.plan;

import gather.result.ErrorKind;
import gather.result.FetchException;
import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One URL ready for the wire: scheme, host (A-label, lower case; IPv6 without brackets), port,
 * origin-form request target (path and query, percent-encoded), and Basic credentials from user
 * info, which never appear in {@link #toString()}.
 */
public record Target(String scheme, String host, int port, String pathAndQuery, String basicAuth) {
    private static final Pattern ANY_SCHEME_REF = Pattern.compile("(?s)[A-Za-z][A-Za-z0-9+.-]*:.*");
    private static final Pattern HTTP_SCHEME_REF = Pattern.compile("(?is)https?:.*");
    private static final Pattern HTTP_ABSOLUTE_REF = Pattern.compile("(?is)https?://.*");

    public boolean https() {
        return scheme.equals("https");
    }

    public boolean defaultPort() {
        return port == (https() ? 443 : 80);
    }

    public boolean ipv6Literal() {
        return host.indexOf(':') >= 0;
    }

    /** host[:port] as the Host header wants it. */
    public String authority() {
        String h = ipv6Literal() ? "[" + host + "]" : host;
        return defaultPort() ? h : h + ":" + port;
    }

    public String hostPort() {
        return (ipv6Literal() ? "[" + host + "]" : host) + ":" + port;
    }

    /** The URL without user info: safe to print. */
    @Override
    public String toString() {
        return scheme + "://" + authority() + pathAndQuery;
    }

    public boolean sameOrigin(Target other) {
        return scheme.equals(other.scheme) && host.equals(other.host) && port == other.port;
    }

    /** Parses a URL as a user types it; no scheme means http. */
    public static Target parse(String input) throws FetchException {
        String s = input.strip();
        if (s.isEmpty()) {
            throw invalid("empty URL");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw invalid("URL holds a control character (CR, LF, NUL, ...)");
            }
        }
        int sep = s.indexOf("://");
        String scheme;
        String rest;
        if (sep > 0 && schemeLength(s) == sep) {
            scheme = s.substring(0, sep).toLowerCase(Locale.ROOT);
            rest = s.substring(sep + 3);
        } else if (sep < 0 && opaqueScheme(s)) {
            // "mailto:x", "javascript:..." and friends: a scheme we do not fetch
            throw new FetchException(ErrorKind.UNSUPPORTED_SCHEME,
                    "unsupported scheme '" + s.substring(0, s.indexOf(':')).toLowerCase(Locale.ROOT) + "' (only http and https)");
        } else {
            scheme = "http";
            rest = s;
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchException(ErrorKind.UNSUPPORTED_SCHEME,
                    "unsupported scheme '" + scheme + "' (only http and https)");
        }
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            rest = rest.substring(0, hash);
        }
        int slash = indexOfAny(rest, "/?");
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String pathAndQuery = slash < 0 ? "/" : rest.substring(slash);
        if (pathAndQuery.startsWith("?")) {
            pathAndQuery = "/" + pathAndQuery;
        }
        String basic = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            basic = Base64.getEncoder().encodeToString(percentDecode(userInfo).getBytes(StandardCharsets.UTF_8));
        }
        String host;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw invalid("unterminated IPv6 address in URL");
            }
            host = authority.substring(1, close);
            if (!allOf(host, "0123456789abcdefABCDEF:.") || host.indexOf(':') < 0) {
                throw invalid("invalid IPv6 address [" + host + "]");
            }
            host = host.toLowerCase(Locale.ROOT);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw invalid("unexpected text after IPv6 address");
                }
                portText = after.substring(1);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            if (colon >= 0) {
                portText = authority.substring(colon + 1);
                host = authority.substring(0, colon);
            } else {
                host = authority;
            }
            host = asciiHost(percentDecode(host));
        }
        if (host.isEmpty()) {
            throw invalid("URL has no host");
        }
        int port = scheme.equals("https") ? 443 : 80;
        if (portText != null && !portText.isEmpty()) {
            if (portText.length() > 5 || !allOf(portText, "0123456789")) {
                throw invalid("invalid port '" + portText + "'");
            }
            port = Integer.parseInt(portText);
            if (port < 1 || port > 65535) {
                throw invalid("port " + port + " out of range");
            }
        }
        return new Target(scheme, host, port, encodePathAndQuery(pathAndQuery), basic);
    }

    /** Resolves a Location header against this URL (RFC 3986 section 5). */
    public Target resolve(String location) throws FetchException {
        String ref = location.strip();
        for (int i = 0; i < ref.length(); i++) {
            char c = ref.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw invalid("redirect Location holds a control character");
            }
        }
        if (ANY_SCHEME_REF.matcher(ref).matches() && !HTTP_SCHEME_REF.matcher(ref).matches()) {
            String scheme = ref.substring(0, ref.indexOf(':')).toLowerCase(Locale.ROOT);
            throw new FetchException(ErrorKind.UNSUPPORTED_SCHEME,
                    "redirect to unsupported scheme '" + scheme + "'");
        }
        if (HTTP_ABSOLUTE_REF.matcher(ref).matches()) {
            return parse(ref);
        }
        if (ref.startsWith("//")) {
            return parse(scheme + ":" + ref);
        }
        int fragment = ref.indexOf('#');
        String noFragment = fragment >= 0 ? ref.substring(0, fragment) : ref;
        if (noFragment.isEmpty() || noFragment.startsWith("?")) {
            // RFC 3986 5.2.2: an empty path keeps the base path (java.net.URI gets "?q" wrong)
            int q = pathAndQuery.indexOf('?');
            String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
            String query = noFragment.isEmpty() ? (q < 0 ? "" : pathAndQuery.substring(q)) : encodePathAndQuery(noFragment);
            return new Target(scheme, host, port, path + query, basicAuth);
        }
        try {
            URI baseFull = new URI(scheme + "://" + authority() + pathAndQuery);
            int hash = ref.indexOf('#');
            if (hash >= 0) {
                ref = ref.substring(0, hash);
            }
            URI resolved = baseFull.resolve(new URI(encodeReference(ref)));
            String pq = resolved.getRawPath() == null || resolved.getRawPath().isEmpty() ? "/" : resolved.getRawPath();
            while (pq.startsWith("/../")) {
                pq = pq.substring(3);
            }
            if (resolved.getRawQuery() != null) {
                pq += "?" + resolved.getRawQuery();
            }
            return new Target(scheme, host, port, pq, basicAuth);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw invalid("cannot resolve redirect Location " + location);
        }
    }

    private static String encodeReference(String ref) {
        if (ref.isEmpty()) {
            return ref;
        }
        return encodePathAndQuery(ref);
    }

    private static String asciiHost(String host) throws FetchException {
        String h = host.endsWith(".") && host.length() > 1 ? host.substring(0, host.length() - 1) : host;
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (c == ' ' || c == '/' || c == '\\' || c == '@' || c == '%' || c == '[' || c == ']' || c == '<'
                    || c == '>' || c == '^' || c == '|' || c == '"' || c == '`' || c == '{' || c == '}') {
                throw invalid("invalid character '" + c + "' in host name");
            }
        }
        boolean plain = true;
        for (int i = 0; i < h.length() && plain; i++) {
            char c = h.charAt(i);
            plain = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-';
        }
        if (plain && !h.startsWith("xn--") && !h.contains(".xn--")) {
            return h; // the common case: already an A-label host in lower case
        }
        try {
            return IDN.toASCII(h, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw invalid("invalid international host name '" + host + "'");
        }
    }

    /** Percent-encodes what may not appear on the wire (space, non-ASCII, a few delimiters); keeps valid escapes. */
    static String encodePathAndQuery(String s) {
        StringBuilder sb = null;
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean keep = b > 0x20 && b < 0x7f && "\"<>\\^`{|}".indexOf(b) < 0
                    && (b != '%' || (i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])));
            if (keep && sb == null) {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(bytes.length + 16);
                sb.append(new String(bytes, 0, i, StandardCharsets.ISO_8859_1));
            }
            if (keep) {
                sb.append((char) b);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 15, 16)));
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }

    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
                out.write(Character.digit(bytes[i + 1], 16) * 16 + Character.digit(bytes[i + 2], 16));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Length of the leading RFC 3986 scheme (ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )), 0 if none. */
    private static int schemeLength(String s) {
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            boolean alpha = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
            if (!(alpha || i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'))) {
                break;
            }
            i++;
        }
        return i;
    }

    /** "mailto:x", "javascript:..." (a scheme, a colon, and no port number after it). */
    private static boolean opaqueScheme(String s) {
        int n = schemeLength(s);
        return n > 0 && n + 1 < s.length() && s.charAt(n) == ':' && !Character.isDigit(s.charAt(n + 1));
    }

    private static boolean allOf(String s, String chars) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static FetchException invalid(String message) {
        return new FetchException(ErrorKind.INVALID_URL, message);
    }
}
