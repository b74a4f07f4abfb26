package gather.http1;

import gather.io.BlockInputStream;
import gather.result.FetchException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The body of one response as an InputStream of payload bytes, framing removed. Ending early is
 * {@code truncated}; broken chunk framing is {@code protocol}. {@link #complete()} tells whether
 * the framing reached its end (so the connection may be reused).
 */
public final class BodyReader extends BlockInputStream {
    private final HttpInput in;
    private final BodyFraming framing;
    private final HttpLimits limits;
    private static final int NONE = 0;
    private static final int FIXED = 1;
    private static final int CHUNKED = 2;
    private static final int UNTIL_CLOSE = 3;

    private final int mode;
    private long remaining;     // bytes left in the fixed body or the current chunk
    private boolean done;
    private long wireBytes;

    private BodyReader(HttpInput in, BodyFraming framing, HttpLimits limits) {
        this.in = in;
        this.framing = framing;
        this.limits = limits;
        // instanceof, not a pattern switch: that would spin a class at run time on every start
        if (framing instanceof BodyFraming.FixedLength f) {
            mode = FIXED;
            remaining = f.length();
            done = remaining == 0;
        } else if (framing instanceof BodyFraming.Chunked) {
            mode = CHUNKED;
            remaining = 0;
        } else if (framing instanceof BodyFraming.UntilClose) {
            mode = UNTIL_CLOSE;
            remaining = Long.MAX_VALUE;
        } else {
            mode = NONE;
            done = true;
        }
    }

    public static BodyReader open(HttpInput in, BodyFraming framing, HttpLimits limits) {
        return new BodyReader(in, framing, limits);
    }

    public boolean complete() {
        return done;
    }

    /** Payload bytes delivered so far (before any content decoding). */
    public long wireBytes() {
        return wireBytes;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (done) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        return switch (mode) {
            case FIXED -> readFixed(b, off, len);
            case CHUNKED -> readChunked(b, off, len);
            case UNTIL_CLOSE -> readUntilClose(b, off, len);
            default -> -1;
        };
    }

    private int readFixed(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw FetchException.truncated("connection closed after " + wireBytes + " of "
                    + ((BodyFraming.FixedLength) framing).length() + " body bytes");
        }
        remaining -= n;
        wireBytes += n;
        if (remaining == 0) {
            done = true;
        }
        return n;
    }

    private int readUntilClose(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0) {
            done = true;
            return -1;
        }
        wireBytes += n;
        return n;
    }

    private int readChunked(byte[] b, int off, int len) throws IOException {
        if (remaining == 0) {
            if (chunkStarted) {
                readChunkEnd();
            }
            chunkStarted = true;
            remaining = readChunkSize();
            if (remaining == 0) {
                readTrailers();
                done = true;
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw FetchException.truncated("connection closed inside a chunk after " + wireBytes + " body bytes");
        }
        remaining -= n;
        wireBytes += n;
        return n;
    }

    private boolean chunkStarted;

    /** The CRLF that ends chunk data. */
    private void readChunkEnd() throws IOException {
        int c = in.read();
        if (c == '\r') {
            c = in.read();
        }
        if (c < 0) {
            throw FetchException.truncated("connection closed at the end of a chunk");
        }
        if (c != '\n') {
            throw FetchException.protocol("chunk data not followed by CRLF");
        }
    }

    /** chunk-size [ chunk-ext ] CRLF; the extensions are skipped. */
    private long readChunkSize() throws IOException {
        String line = in.readLine(limits.maxChunkLineBytes());
        if (line == null) {
            throw FetchException.truncated("connection closed before the last chunk");
        }
        int i = 0;
        long size = 0;
        while (i < line.length()) {
            int d = Character.digit(line.charAt(i), 16);
            if (d < 0) {
                break;
            }
            if (size > (Long.MAX_VALUE >> 4)) {
                throw FetchException.protocol("chunk size overflows");
            }
            size = size * 16 + d;
            i++;
        }
        if (i == 0) {
            throw FetchException.protocol("invalid chunk size line: " + ResponseHead.printable(line));
        }
        // after the digits: optional BWS then ';' extensions, nothing else
        int j = i;
        while (j < line.length() && (line.charAt(j) == ' ' || line.charAt(j) == '\t')) {
            j++;
        }
        if (j < line.length() && line.charAt(j) != ';') {
            throw FetchException.protocol("invalid chunk size line: " + ResponseHead.printable(line));
        }
        for (int k = j; k < line.length(); k++) {
            char c = line.charAt(k);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw FetchException.protocol("control character in chunk extension");
            }
        }
        return size;
    }

    private void readTrailers() throws IOException {
        int budget = limits.maxTrailerBytes();
        while (true) {
            String line = in.readLine(Math.max(1, Math.min(limits.maxLineBytes(), budget)));
            if (line == null) {
                throw FetchException.truncated("connection closed in the trailer section");
            }
            if (line.isEmpty()) {
                return;
            }
            budget -= line.length() + 2;
            if (budget <= 0) {
                throw FetchException.protocol("trailer section larger than " + limits.maxTrailerBytes() + " bytes");
            }
            char c0 = line.charAt(0);
            if (c0 != ' ' && c0 != '\t') {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw FetchException.protocol("invalid trailer line: " + ResponseHead.printable(line));
                }
                for (int k = 0; k < colon; k++) {
                    if (!ResponseHead.isTokenChar(line.charAt(k))) {
                        throw FetchException.protocol("invalid trailer line: " + ResponseHead.printable(line));
                    }
                }
            }
        }
    }
}
