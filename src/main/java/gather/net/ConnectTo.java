package gather.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One --connect-to HOST:PORT:HOST2:PORT2 rule (curl's meaning): a connection meant for HOST:PORT
 * goes to HOST2:PORT2 instead, while the request's Host, the TLS server name (SNI) and the host
 * name the certificate is checked against stay HOST. An empty HOST or PORT matches any; an empty
 * HOST2 or PORT2 keeps the original. IPv6 literals go in brackets.
 *
 * @param host lower-case host to match, or null for any
 * @param port port to match, or -1 for any
 * @param toHost host (or address) to connect to, or null to keep the original
 * @param toPort port to connect to, or -1 to keep the original
 */
public record ConnectTo(String host, int port, String toHost, int toPort) {

    /** Where a connection goes. */
    public record HostPort(String host, int port) { }

    /** Parses HOST:PORT:HOST2:PORT2; IllegalArgumentException with a message for a user. */
    public static ConnectTo parse(String text) {
        List<String> parts = split(text);
        if (parts.size() != 4) {
            throw new IllegalArgumentException("--connect-to '" + text + "' is not HOST:PORT:HOST2:PORT2");
        }
        return new ConnectTo(parts.get(0).isEmpty() ? null : unbracket(parts.get(0)).toLowerCase(Locale.ROOT),
                port(parts.get(1), text), parts.get(2).isEmpty() ? null : unbracket(parts.get(2)), port(parts.get(3), text));
    }

    /** The first rule that matches decides; no rule: the original host and port. */
    public static HostPort route(List<ConnectTo> rules, String host, int port) {
        for (ConnectTo r : rules) {
            if ((r.host == null || r.host.equalsIgnoreCase(host)) && (r.port < 0 || r.port == port)) {
                return new HostPort(r.toHost == null ? host : r.toHost, r.toPort < 0 ? port : r.toPort);
            }
        }
        return new HostPort(host, port);
    }

    private static int port(String s, String text) {
        if (s.isEmpty()) {
            return -1;
        }
        if (!s.matches("[0-9]{1,5}") || Integer.parseInt(s) < 1 || Integer.parseInt(s) > 65535) {
            throw new IllegalArgumentException("--connect-to '" + text + "': '" + s + "' is not a port (1-65535)");
        }
        return Integer.parseInt(s);
    }

    private static String unbracket(String h) {
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    /** Splits at colons outside brackets. */
    private static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inBrackets = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '[') {
                inBrackets = true;
            } else if (c == ']') {
                inBrackets = false;
            }
            if (c == ':' && !inBrackets) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
