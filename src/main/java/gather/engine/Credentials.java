package gather.engine;

import java.util.Locale;

/**
 * Hides credentials in header values before they are recorded or printed: Authorization and
 * Proxy-Authorization keep their scheme ("Basic &lt;redacted&gt;"), Cookie and Set-Cookie keep
 * the cookie names, and user info in a URL (a Location header) becomes "user:***@".
 */
final class Credentials {
    static final String HIDDEN = "<redacted>";

    private Credentials() { }

    /** True for the header fields whose whole value is a credential. */
    static boolean isCredential(String name) {
        return name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Proxy-Authorization")
                || name.equalsIgnoreCase("Cookie") || name.equalsIgnoreCase("Set-Cookie");
    }

    /** The value as it may be shown. */
    static String value(String name, String value) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "authorization", "proxy-authorization" -> {
                int space = value.indexOf(' ');
                return space > 0 ? value.substring(0, space) + " " + HIDDEN : HIDDEN;
            }
            case "cookie" -> {
                StringBuilder sb = new StringBuilder();
                for (String pair : value.split(";")) {
                    sb.append(sb.isEmpty() ? "" : "; ").append(cookieName(pair)).append('=').append(HIDDEN);
                }
                return sb.toString();
            }
            case "set-cookie" -> {
                int semi = value.indexOf(';');
                return cookieName(semi < 0 ? value : value.substring(0, semi)) + "=" + HIDDEN
                        + (semi < 0 ? "" : value.substring(semi));
            }
            default -> {
                return userInfo(value);
            }
        }
    }

    /** "scheme://user:pass@host" becomes "scheme://user:***@host" (and "scheme://token@host" "scheme://***@host"). */
    static String userInfo(String text) {
        if (text.indexOf('@') < 0 || !text.contains("//")) {
            return text;
        }
        return text.replaceAll("(?<=//)([^/?#@:\\s]*):[^/?#@\\s]*@", "$1:***@")
                .replaceAll("(?<=//)[^/?#@:\\s]+@", "***@");
    }

    private static String cookieName(String pair) {
        int eq = pair.indexOf('=');
        return (eq < 0 ? pair : pair.substring(0, eq)).strip();
    }
}
