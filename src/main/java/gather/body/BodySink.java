package gather.body;

import gather.result.ErrorKind;
import gather.result.FetchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where a body goes: counted, hashed (SHA-256) and size-checked as it streams, and written to a
 * file when asked. Never holds the body.
 */
public final class BodySink {
    private static final MessageDigest PROTOTYPE;

    static {
        try {
            PROTOTYPE = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MessageDigest digest;
    private final long maxSize;
    private final OutputStream file;
    private long bytes;
    private java.util.List<TextSearch> searches = java.util.List.of();

    /** {@code maxSize} &lt; 0: no limit; {@code file} may be null. */
    public BodySink(long maxSize, OutputStream file) {
        this.digest = newDigest();
        this.maxSize = maxSize;
        this.file = file;
    }

    private static MessageDigest newDigest() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException x) {
                throw new IllegalStateException(x);
            }
        }
    }

    /**
     * Reads the stream to its end into this sink. Errors of the stream's own layers arrive as
     * FetchExceptions; anything else came from a decoder and means the body cannot be decoded.
     */
    public void drain(InputStream body, byte[] buf) throws FetchException {
        while (true) {
            int n;
            try {
                n = body.read(buf, 0, buf.length);
            } catch (FetchException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw FetchException.protocol("body cannot be decoded: " + e.getMessage());
            }
            if (n < 0) {
                return;
            }
            accept(buf, 0, n);
        }
    }

    public void accept(byte[] b, int off, int len) throws FetchException {
        if (maxSize >= 0 && bytes + len > maxSize) {
            int fits = (int) (maxSize - bytes);
            update(b, off, fits);
            throw new FetchException(ErrorKind.TOO_LARGE, "body larger than --max-size " + maxSize + " bytes");
        }
        update(b, off, len);
    }

    private void update(byte[] b, int off, int len) throws FetchException {
        digest.update(b, off, len);
        bytes += len;
        for (TextSearch t : searches) {
            t.feed(b, off, len);
        }
        if (file != null) {
            try {
                file.write(b, off, len);
            } catch (IOException e) {
                throw new FetchException(ErrorKind.IO, "cannot write the body: " + e.getMessage(), e);
            }
        }
    }

    /** Also look for these byte strings in the body as it streams (--expect-text). */
    public void search(java.util.List<TextSearch> searches) {
        this.searches = searches;
    }

    public long bytes() {
        return bytes;
    }

    /** Lower-case hex SHA-256 of the bytes so far (the hash of nothing for an empty body). */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
