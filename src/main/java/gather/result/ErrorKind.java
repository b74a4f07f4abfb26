package gather.result;

import java.util.Locale;

/** The closed set of failure kinds of the contract; {@link #wireName()} is what JSON carries. */
public enum ErrorKind {
    INVALID_URL,
    UNSUPPORTED_SCHEME,
    DNS,
    CONNECT,
    TLS,
    TIMEOUT,
    PROTOCOL,
    TRUNCATED,
    TOO_LARGE,
    TOO_MANY_REDIRECTS,
    HTTP_STATUS,
    EXPECTATION,
    IO,
    CANCELLED;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }
}
