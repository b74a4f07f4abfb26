package gather.report;

import gather.result.CheckFailure;
import gather.result.ErrorKind;
import gather.result.FetchResult;
import gather.result.Transcript;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A result as compact bytes and back, for {@link ResultStore}: every field of the record in
 * its order, strings as length-prefixed UTF-8 (lone surrogates replaced, as JSON writes them),
 * -1 for null. The failure's exception is not kept (only --debug shows it, as the URL
 * finishes). Decoding calls the record's canonical constructor, so a new field does not compile
 * until it is read here too; ResultCodecTest checks that it is also written.
 */
final class ResultCodec {
    private static final ErrorKind[] KINDS = ErrorKind.values();

    private ResultCodec() { }

    static byte[] encode(FetchResult r) {
        Out o = new Out();
        o.i64(r.index());
        o.text(r.url());
        o.i32(r.status() == null ? -1 : r.status());
        o.text(r.reason());
        o.text(r.httpVersion());
        o.text(r.finalUrl());
        o.i32(r.redirects());
        o.i32(r.attempts());
        o.i64(r.bytes());
        o.i64(r.contentLength() == null ? -1 : r.contentLength());
        o.text(r.contentType());
        o.text(r.sha256());
        o.text(r.remoteAddress());
        o.i32(r.reusedConnection() ? 1 : 0);
        o.i32(r.tls() == null ? 0 : 1);
        if (r.tls() != null) {
            o.text(r.tls().protocol());
            o.text(r.tls().cipher());
        }
        FetchResult.Timings t = r.timing();
        o.i64(t.queueNanos());
        o.i64(t.dnsNanos());
        o.i64(t.connectNanos());
        o.i64(t.tlsNanos());
        o.i64(t.ttfbNanos());
        o.i64(t.totalNanos());
        o.text(r.savedTo());
        o.i32(r.ok() ? -1 : r.error().kind().ordinal());
        if (!r.ok()) {
            o.text(r.error().message());
        }
        o.i32(r.checks().size());
        for (CheckFailure c : r.checks()) {
            o.text(c.name());
            o.text(c.expected());
            o.text(c.seen());
        }
        o.i32(r.notModified() ? 1 : 0);
        o.i64(r.resumedFrom());
        o.i64(r.startNanos());
        o.text(r.reproduce()); // the transcript is not kept: only the live output (-v, -I) shows it
        o.i32(r.line() == null ? -1 : r.line());
        o.text(r.name());
        o.i32(r.allowed() ? 1 : 0);
        return o.toByteArray();
    }

    static FetchResult decode(byte[] b, int off, int len) {
        In in = new In(b, off);
        long index = in.i64();
        String url = in.text();
        int status = in.i32();
        String reason = in.text();
        String httpVersion = in.text();
        String finalUrl = in.text();
        int redirects = in.i32();
        int attempts = in.i32();
        long bytes = in.i64();
        long contentLength = in.i64();
        String contentType = in.text();
        String sha256 = in.text();
        String remoteAddress = in.text();
        boolean reused = in.i32() != 0;
        FetchResult.Tls tls = in.i32() != 0 ? new FetchResult.Tls(in.text(), in.text()) : null;
        FetchResult.Timings timing = new FetchResult.Timings(in.i64(), in.i64(), in.i64(), in.i64(), in.i64(),
                in.i64());
        String savedTo = in.text();
        int kind = in.i32();
        FetchResult.Failure error = kind < 0 ? null : new FetchResult.Failure(KINDS[kind], in.text(), null);
        CheckFailure[] checks = new CheckFailure[in.i32()];
        for (int i = 0; i < checks.length; i++) {
            checks[i] = new CheckFailure(in.text(), in.text(), in.text());
        }
        boolean notModified = in.i32() != 0;
        long resumedFrom = in.i64();
        long startNanos = in.i64();
        String reproduce = in.text();
        int line = in.i32();
        String name = in.text();
        boolean allowed = in.i32() != 0;
        if (in.at != off + len) {
            throw new IllegalStateException("a stored result of " + len + " bytes read as " + (in.at - off));
        }
        return new FetchResult(index, url, status < 0 ? null : status, reason, httpVersion, finalUrl, redirects,
                attempts, bytes, contentLength < 0 ? null : contentLength, contentType, sha256, remoteAddress, reused,
                tls, timing, savedTo, error, List.of(checks), notModified, resumedFrom, startNanos, Transcript.NONE, reproduce, line < 0 ? null : line, name, allowed);
    }

    /** A growing byte array: numbers big-endian, strings as length (-1: null) and UTF-8. */
    private static final class Out {
        private byte[] buf = new byte[256];
        private int len;

        private void ensure(int more) {
            if (len + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
            }
        }

        void i32(int v) {
            ensure(4);
            buf[len++] = (byte) (v >>> 24);
            buf[len++] = (byte) (v >>> 16);
            buf[len++] = (byte) (v >>> 8);
            buf[len++] = (byte) v;
        }

        void i64(long v) {
            i32((int) (v >>> 32));
            i32((int) v);
        }

        void text(String s) {
            if (s == null) {
                i32(-1);
                return;
            }
            byte[] b = Json.clean(s).getBytes(StandardCharsets.UTF_8);
            i32(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, len);
        }
    }

    private static final class In {
        private final byte[] buf;
        private int at;

        In(byte[] buf, int at) {
            this.buf = buf;
            this.at = at;
        }

        int i32() {
            int v = (buf[at] & 0xff) << 24 | (buf[at + 1] & 0xff) << 16 | (buf[at + 2] & 0xff) << 8 | buf[at + 3] & 0xff;
            at += 4;
            return v;
        }

        long i64() {
            return (long) i32() << 32 | i32() & 0xffffffffL;
        }

        String text() {
            int n = i32();
            if (n < 0) {
                return null;
            }
            String s = new String(buf, at, n, StandardCharsets.UTF_8);
            at += n;
            return s;
        }
    }
}
