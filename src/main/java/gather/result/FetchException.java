package gather.result;

import java.io.IOException;

/**
 * The one failure type below the CLI: an {@link ErrorKind} of the contract and a message a user
 * understands. It extends IOException so it can travel through InputStream chains (body framing
 * under a decoder) unchanged; JDK exceptions are translated into it once, where they are met.
 */
public final class FetchException extends IOException {
    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;

    public FetchException(ErrorKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public FetchException(ErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }

    public static FetchException protocol(String message) {
        return new FetchException(ErrorKind.PROTOCOL, message);
    }

    public static FetchException truncated(String message) {
        return new FetchException(ErrorKind.TRUNCATED, message);
    }
}
