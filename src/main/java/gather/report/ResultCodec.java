package gather.report;

import gather.result.ErrorKind;
import gather.result.FetchResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream o = new DataOutputStream(bytes)) {
            o.writeLong(r.index());
            text(o, r.url());
            o.writeInt(r.status() == null ? -1 : r.status());
            text(o, r.reason());
            text(o, r.httpVersion());
            text(o, r.finalUrl());
            o.writeInt(r.redirects());
            o.writeInt(r.attempts());
            o.writeLong(r.bytes());
            o.writeLong(r.contentLength() == null ? -1 : r.contentLength());
            text(o, r.contentType());
            text(o, r.sha256());
            text(o, r.remoteAddress());
            o.writeBoolean(r.reusedConnection());
            o.writeBoolean(r.tls() != null);
            if (r.tls() != null) {
                text(o, r.tls().protocol());
                text(o, r.tls().cipher());
            }
            FetchResult.Timings t = r.timing();
            o.writeLong(t.queueNanos());
            o.writeLong(t.dnsNanos());
            o.writeLong(t.connectNanos());
            o.writeLong(t.tlsNanos());
            o.writeLong(t.ttfbNanos());
            o.writeLong(t.totalNanos());
            text(o, r.savedTo());
            o.writeByte(r.ok() ? -1 : r.error().kind().ordinal());
            if (!r.ok()) {
                text(o, r.error().message());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    static FetchResult decode(byte[] b, int off, int len) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(b, off, len));
        long index = in.readLong();
        String url = text(in);
        int status = in.readInt();
        String reason = text(in);
        String httpVersion = text(in);
        String finalUrl = text(in);
        int redirects = in.readInt();
        int attempts = in.readInt();
        long bytes = in.readLong();
        long contentLength = in.readLong();
        String contentType = text(in);
        String sha256 = text(in);
        String remoteAddress = text(in);
        boolean reused = in.readBoolean();
        FetchResult.Tls tls = in.readBoolean() ? new FetchResult.Tls(text(in), text(in)) : null;
        FetchResult.Timings timing = new FetchResult.Timings(in.readLong(), in.readLong(), in.readLong(),
                in.readLong(), in.readLong(), in.readLong());
        String savedTo = text(in);
        int kind = in.readByte();
        FetchResult.Failure error = kind < 0 ? null : new FetchResult.Failure(KINDS[kind], text(in), null);
        return new FetchResult(index, url, status < 0 ? null : status, reason, httpVersion, finalUrl, redirects,
                attempts, bytes, contentLength < 0 ? null : contentLength, contentType, sha256, remoteAddress, reused,
                tls, timing, savedTo, error);
    }

    private static void text(DataOutputStream o, String s) throws IOException {
        if (s == null) {
            o.writeInt(-1);
            return;
        }
        byte[] b = Json.clean(s).getBytes(StandardCharsets.UTF_8);
        o.writeInt(b.length);
        o.write(b);
    }

    private static String text(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = in.readNBytes(n);
        return new String(b, StandardCharsets.UTF_8);
    }
}
