package gather.jmh;

import gather.body.BodySink;
import gather.result.FetchException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * Body hashing: {@code BodySink.accept} of one 64 KiB block (the body buffer size of a worker)
 * per operation, no --max-size, no file, no --expect-text: the count and the SHA-256 update.
 * {@link #jdkDigest()} is the baseline: {@code MessageDigest.update} alone, so the two together
 * show what the sink adds on top of the JDK's SHA-256.
 */
public class Sha256Bench extends GatherBench {

    static final int BLOCK_BYTES = 64 * 1024;

    private final byte[] block = new byte[BLOCK_BYTES];
    private BodySink sink;
    private MessageDigest digest;

    @Setup
    public void setup() throws FetchException, NoSuchAlgorithmException {
        new Random(42).nextBytes(block);
        // the sink must hash what the JDK hashes
        BodySink check = new BodySink(-1, null);
        check.accept(block, 0, block.length);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(block));
        if (!check.sha256().equals(expected) || check.bytes() != BLOCK_BYTES) {
            throw new IllegalStateException("BodySink hash differs from MessageDigest");
        }
        sink = new BodySink(-1, null);
        digest = MessageDigest.getInstance("SHA-256");
    }

    /** The digest's state changes with every update, so nothing here is dead code. */
    @Benchmark
    public void bodySink() throws FetchException {
        sink.accept(block, 0, block.length);
    }

    @Benchmark
    public void jdkDigest() {
        digest.update(block, 0, block.length);
    }
}
