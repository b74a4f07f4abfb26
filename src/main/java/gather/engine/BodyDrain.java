package gather.engine;

import gather.body.BodySink;
import gather.body.BodyTap;
import gather.body.Decoders;
import gather.http1.BodyFraming;
import gather.http1.ResponseHead;
import gather.io.BlockInputStream;
import gather.result.ErrorKind;
import gather.result.FetchException;
import gather.result.FetchResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Reads a response body to its end: a final body into a {@link BodySink} (decoded with
 * --compressed, bounded by --max-size before and after decoding, fed to the checks' taps and
 * maybe a file), or a redirect's body into nothing, so that its connection can be reused.
 */
final class BodyDrain {
    private final long maxSize;
    private final boolean compressed;

    /** What a final body came to: its decoded size and SHA-256. */
    record Drained(long bytes, String sha256) { }

    BodyDrain(long maxSize, boolean compressed) {
        this.maxSize = maxSize;
        this.compressed = compressed;
    }

    /**
     * Reads the final body; what arrived (size, hash) goes to the result even when it fails.
     *
     * @param file where the body is saved, or null
     */
    Drained readFinal(PooledExchange ex, ResponseHead head, Long contentLength, List<? extends BodyTap> taps,
                      OutputStream file, Scratch scratch, FetchResult.Builder r) throws FetchException {
        return readFinal(ex, head, contentLength, taps, file, null, scratch, r);
    }

    /** As above, after the bytes of {@code saved} (-C: what an earlier run kept; null: none) are counted and hashed. */
    Drained readFinal(PooledExchange ex, ResponseHead head, Long contentLength, List<? extends BodyTap> taps,
                      OutputStream file, InputStream saved, Scratch scratch, FetchResult.Builder r)
            throws FetchException {
        if (maxSize >= 0 && contentLength != null && contentLength > maxSize
                && !(ex.framing() instanceof BodyFraming.None)) {
            r.body(0, new BodySink(-1, null).sha256());
            throw new FetchException(ErrorKind.TOO_LARGE, "Content-Length " + contentLength
                    + " is larger than --max-size " + maxSize);
        }
        BodySink sink = new BodySink(maxSize, file);
        sink.taps(taps);
        Drained drained = null;
        try {
            if (saved != null) {
                sink.prefix(saved, scratch.small);
            }
            InputStream in = ex.body();
            if (compressed) {
                in = Decoders.wrap(new LimitedWire(ex.body(), maxSize), head.headers().elements("Content-Encoding"));
            }
            byte[] buf = scratch.bodyBuffer(compressed ? null : contentLength);
            try {
                sink.drain(in, buf);
            } finally {
                scratch.giveBack(buf);
            }
        } finally {
            drained = new Drained(sink.bytes(), sink.sha256());
            r.body(drained.bytes(), drained.sha256());
        }
        return drained;
    }

    /** -C: a saved file that is already whole (a 416 said so): its size and SHA-256, as if it had arrived. */
    Drained readSaved(InputStream saved, List<? extends BodyTap> taps, Scratch scratch, FetchResult.Builder r)
            throws FetchException {
        BodySink sink = new BodySink(maxSize, null);
        sink.taps(taps);
        try {
            sink.prefix(saved, scratch.small);
        } finally {
            r.body(sink.bytes(), sink.sha256());
        }
        return new Drained(sink.bytes(), sink.sha256());
    }

    /** Reads and drops a redirect's body (bounded by --max-size) so the connection can be reused. */
    void discard(PooledExchange ex, Scratch scratch) throws FetchException {
        try {
            long total = 0;
            InputStream in = ex.body();
            int n;
            while ((n = in.read(scratch.small, 0, scratch.small.length)) >= 0) {
                total += n;
                if (maxSize >= 0 && total > maxSize) {
                    throw new FetchException(ErrorKind.TOO_LARGE, "redirect body larger than --max-size");
                }
            }
        } catch (FetchException e) {
            throw e;
        } catch (IOException e) {
            throw FetchException.truncated("connection broken while reading a redirect: " + e.getMessage());
        }
    }

    /** Bounds the raw (still encoded) body by --max-size too, so nothing unbounded feeds a decoder. */
    private static final class LimitedWire extends BlockInputStream {
        private final InputStream in;
        private final long max;
        private long count;

        LimitedWire(InputStream in, long max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
                if (max >= 0 && count > max) {
                    throw new FetchException(ErrorKind.TOO_LARGE, "encoded body larger than --max-size " + max + " bytes");
                }
            }
            return n;
        }
    }
}
