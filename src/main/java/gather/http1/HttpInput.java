package gather.http1;

import gather.result.ErrorKind;
import gather.result.FetchException;
import java.net.SocketTimeoutException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A buffered byte source for the HTTP/1.1 parsers: {@link #readLine(int)} with an explicit limit,
 * and bulk {@link #read(byte[], int, int)} that drains the buffer before touching the stream.
 * Parsers take this type, not a socket, so tests can feed them bytes from a string, one byte per
 * read if they like. Before every read from the underlying stream {@link ReadGuard#beforeRead()}
 * runs: the connection uses it to apply the idle-read and whole-request deadlines.
 */
public final class HttpInput {
    /** Runs before each blocking read; may shorten the socket timeout or throw a timeout. */
    @FunctionalInterface
    public interface ReadGuard {
        void beforeRead() throws IOException;

        /** The error for a read that timed out under the limits beforeRead() set. */
        default FetchException timedOut() {
            return new FetchException(ErrorKind.TIMEOUT, "read timed out");
        }

        /** Runs after each read returned (bytes, or end of stream). */
        default void afterRead() {
        }

        /**
         * A read failed or hit end of stream ({@code e} null): if a deadline closed the socket,
         * the timeout to report instead; null otherwise.
         */
        default FetchException failed(IOException e) {
            return null;
        }

        ReadGuard NONE = new ReadGuard() {
            @Override
            public void beforeRead() {
            }
        };
    }

    private final InputStream in;
    private final byte[] buf;
    private int pos;
    private int limit;
    private ReadGuard guard = ReadGuard.NONE;
    private long bytesRead;
    private long firstByteNanos;

    public HttpInput(InputStream in, int bufferSize) {
        this(in, new byte[bufferSize]);
    }

    /** Over a caller's buffer (a worker reuses one for every exchange); its contents are overwritten. */
    public HttpInput(InputStream in, byte[] buffer) {
        this.in = in;
        this.buf = buffer;
    }

    public static HttpInput of(byte[] bytes) {
        return new HttpInput(new java.io.ByteArrayInputStream(bytes), 8192);
    }

    public void guard(ReadGuard guard) {
        this.guard = guard == null ? ReadGuard.NONE : guard;
    }

    /** Bytes already read from the stream and waiting in the buffer. */
    public int buffered() {
        return limit - pos;
    }

    /** System.nanoTime() when the first byte arrived; 0 if none yet. */
    public long firstByteNanos() {
        return firstByteNanos;
    }

    /** Total bytes taken from the underlying stream so far. */
    public long bytesRead() {
        return bytesRead;
    }

    /** Fills the buffer if empty; returns false at end of stream. */
    private boolean fill() throws IOException {
        if (pos < limit) {
            return true;
        }
        int n = streamRead(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        limit = n;
        bytesRead += n;
        return true;
    }

    /** One read from the stream; socket failures become typed errors here, once. */
    private int streamRead(byte[] dst, int off, int len) throws IOException {
        guard.beforeRead();
        try {
            int n = in.read(dst, off, len);
            guard.afterRead();
            if (n > 0 && bytesRead == 0) {
                firstByteNanos = System.nanoTime();
            }
            if (n < 0) {
                FetchException fired = guard.failed(null);
                if (fired != null) {
                    throw fired;
                }
            }
            return n;
        } catch (SocketTimeoutException e) {
            throw guard.timedOut();
        } catch (FetchException e) {
            throw e;
        } catch (IOException e) {
            guard.afterRead();
            FetchException fired = guard.failed(e);
            if (fired != null) {
                throw fired;
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new FetchException(ErrorKind.CANCELLED, "interrupted");
            }
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw FetchException.truncated("connection broken while reading: " + m);
        }
    }

    /** Next byte, or -1 at end of stream. */
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    /** Bulk read: up to len bytes, from the buffer first; -1 at end of stream. */
    public int read(byte[] dst, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos < limit) {
            int n = Math.min(len, limit - pos);
            System.arraycopy(buf, pos, dst, off, n);
            pos += n;
            return n;
        }
        if (len >= buf.length) {
            // large reads go straight into the caller's buffer: no copy
            int n = streamRead(dst, off, len);
            if (n > 0) {
                bytesRead += n;
            }
            return n;
        }
        if (!fill()) {
            return -1;
        }
        return read(dst, off, len);
    }

    /**
     * One line without its terminator (CRLF, or a bare LF as RFC 9112 allows), decoded as
     * ISO-8859-1. Returns null at end of stream before any byte of the line. A line longer than
     * {@code maxLength} is a protocol error; end of stream inside a line is truncation.
     */
    public String readLine(int maxLength) throws IOException {
        StringBuilder sb = null;
        int seen = 0;
        while (true) {
            if (!fill()) {
                if (seen == 0) {
                    return null;
                }
                throw FetchException.truncated("connection closed in the middle of a line");
            }
            int start = pos;
            int end = limit;
            for (int i = start; i < end; i++) {
                if (buf[i] == '\n') {
                    int lineEnd = i;
                    pos = i + 1;
                    int total = seen + (lineEnd - start);
                    if (total > (long) maxLength + 1) {
                        throw FetchException.protocol("line longer than " + maxLength + " bytes");
                    }
                    String line;
                    if (sb == null) {
                        // the usual case, the whole line in the buffer: one String, without the CR
                        int textEnd = lineEnd > start && buf[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
                        line = new String(buf, start, textEnd - start, StandardCharsets.ISO_8859_1);
                    } else {
                        line = sb.append(new String(buf, start, lineEnd - start, StandardCharsets.ISO_8859_1)).toString();
                        if (!line.isEmpty() && line.charAt(line.length() - 1) == '\r') {
                            line = line.substring(0, line.length() - 1);
                        }
                    }
                    if (line.length() > maxLength) {
                        throw FetchException.protocol("line longer than " + maxLength + " bytes");
                    }
                    return line;
                }
            }
            int n = end - start;
            seen += n;
            if (seen > (long) maxLength + 1) {
                throw FetchException.protocol("line longer than " + maxLength + " bytes");
            }
            if (sb == null) {
                sb = new StringBuilder(Math.min(256, maxLength) + 2);
            }
            sb.append(new String(buf, start, n, StandardCharsets.ISO_8859_1));
            pos = end;
        }
    }
}
