package gather.jmh;

import gather.http1.BodyFraming;
import gather.http1.BodyReader;
import gather.http1.HttpInput;
import gather.http1.HttpLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Chunked decoding: a 1 MiB body in chunks of {@code chunkSize} bytes (then the last chunk and
 * an empty trailer section) read to its end through {@code BodyReader} over an {@code HttpInput},
 * with the buffer sizes a worker uses (16 KiB connection buffer, 64 KiB body buffer). One
 * operation = the whole body; the payload byte count is returned.
 */
public class ChunkedBench extends GatherBench {

    static final int BODY_BYTES = 1 << 20;

    @Param({"8192", "100"})
    public int chunkSize;

    private MemoryStream stream;
    private final byte[] connBuffer = new byte[16 * 1024];
    private final byte[] bodyBuffer = new byte[64 * 1024];
    private final BodyFraming framing = new BodyFraming.Chunked(false);

    /** The wire bytes of the chunked body: size line, data, CRLF per chunk; "0", empty trailers. */
    static byte[] wire(int chunkSize) {
        byte[] payload = new byte[BODY_BYTES];
        new Random(42).nextBytes(payload);
        ByteArrayOutputStream out = new ByteArrayOutputStream(BODY_BYTES + BODY_BYTES / chunkSize * 8 + 16);
        for (int off = 0; off < payload.length; off += chunkSize) {
            int n = Math.min(chunkSize, payload.length - off);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(payload, off, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Setup
    public void setup() throws IOException {
        stream = new MemoryStream(wire(chunkSize));
        if (decode() != BODY_BYTES) {
            throw new IllegalStateException("decoded a wrong number of bytes");
        }
    }

    @Benchmark
    public long decode() throws IOException {
        stream.rewind();
        BodyReader body = BodyReader.open(new HttpInput(stream, connBuffer), framing, HttpLimits.DEFAULT);
        long total = 0;
        int n;
        while ((n = body.read(bodyBuffer, 0, bodyBuffer.length)) >= 0) {
            total += n;
        }
        if (!body.complete()) {
            throw new IllegalStateException("chunked body not complete");
        }
        return total;
    }
}
