package gather.body;

import gather.io.BlockInputStream;
import gather.result.FetchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.brotli.dec.BrotliInputStream;

/**
 * Content-Encoding decoders for --compressed, stacked in reverse order of application
 * ("gzip, br" means br was applied last, so it is undone first). Streaming: nothing is held whole.
 */
public final class Decoders {
    public static final String ACCEPT_ENCODING = "gzip, deflate, br";

    private Decoders() { }

    /** Wraps the raw body in one decoder per coding; identity is skipped, anything else is refused. */
    public static InputStream wrap(InputStream raw, List<String> codings) throws FetchException {
        InputStream in = raw;
        for (int i = codings.size() - 1; i >= 0; i--) {
            String c = codings.get(i).toLowerCase(Locale.ROOT);
            in = switch (c) {
                case "identity" -> in;
                case "gzip", "x-gzip" -> new LazyGzip(in);
                case "deflate" -> new Deflate(in);
                case "br" -> new LazyBrotli(in);
                default -> throw FetchException.protocol("unsupported Content-Encoding '" + c + "'");
            };
        }
        return in;
    }

    /** GZIPInputStream reads the header in its constructor; defer that to the first read. */
    private static final class LazyGzip extends Lazy {
        LazyGzip(InputStream raw) {
            super(raw);
        }

        @Override
        InputStream open(InputStream raw) throws IOException {
            return new GZIPInputStream(raw, 16 * 1024);
        }
    }

    private static final class LazyBrotli extends Lazy {
        LazyBrotli(InputStream raw) {
            super(raw);
        }

        @Override
        InputStream open(InputStream raw) throws IOException {
            return new BrotliInputStream(raw);
        }
    }

    /** "deflate" is meant to be zlib (RFC 9110) but some servers send raw deflate: sniff the header. */
    private static final class Deflate extends Lazy {
        Deflate(InputStream raw) {
            super(raw);
        }

        @Override
        InputStream open(InputStream raw) throws IOException {
            PushbackInputStream p = new PushbackInputStream(raw, 2);
            int b0 = p.read();
            if (b0 < 0) {
                return p; // empty body: nothing to decode
            }
            int b1 = p.read();
            if (b1 >= 0) {
                p.unread(b1);
            }
            p.unread(b0);
            boolean zlib = b1 >= 0 && (b0 & 0x0f) == 8 && ((b0 << 8) | b1) % 31 == 0;
            return new InflaterInputStream(p, new Inflater(!zlib), 16 * 1024);
        }
    }

    private abstract static class Lazy extends BlockInputStream {
        private final InputStream raw;
        private InputStream decoded;

        Lazy(InputStream raw) {
            this.raw = raw;
        }

        abstract InputStream open(InputStream raw) throws IOException;

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (decoded == null) {
                PushbackInputStream p = new PushbackInputStream(raw, 1);
                int first = p.read();
                if (first < 0) {
                    decoded = InputStream.nullInputStream(); // an empty body decodes to nothing
                } else {
                    p.unread(first);
                    decoded = open(p);
                }
            }
            return decoded.read(b, off, len);
        }
    }
}
