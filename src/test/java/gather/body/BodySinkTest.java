package gather.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import gather.result.ErrorKind;
import gather.result.FetchException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * BodySink over in-memory streams, below and past the size where the hashing moves to a helper
 * thread: counts, hashes, file bytes, --max-size, --expect-text and every way a body can end
 * must come out as if read on one thread.
 */
class BodySinkTest {
    private static final int LARGE = 256 * 1024;
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static String sha256(byte[] b, int len) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(b, 0, len);
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Returns at most a few irregular sizes per read (1 byte up to ~100 KiB), like a socket. */
    private static InputStream irregular(byte[] body) {
        return new ByteArrayInputStream(body) {
            private int call;

            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int[] sizes = {1, 7, 1460, 65_536, 100_003, 4096, 3};
                return super.read(b, off, Math.min(len, sizes[call++ % sizes.length]));
            }
        };
    }

    /** Delivers the first {@code failAfter} bytes of {@code body}, then throws {@code failure}. */
    private static InputStream failingAfter(byte[] body, int failAfter, IOException failure) {
        InputStream data = new ByteArrayInputStream(body, 0, failAfter);
        return new InputStream() {
            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = data.read(b, off, len);
                if (n < 0) {
                    throw failure;
                }
                return n;
            }
        };
    }

    private static FetchException drainFails(BodySink sink, InputStream in, int bufferSize) {
        return assertTimeoutPreemptively(HANG_GUARD,
                () -> catchThrowableOfType(FetchException.class, () -> sink.drain(in, new byte[bufferSize])));
    }

    @Test
    void largeBodyIsCountedAndHashedInOrder() throws Exception {
        byte[] body = random(20 * 1024 * 1024 + 123);
        BodySink sink = new BodySink(-1, null);
        assertTimeoutPreemptively(HANG_GUARD, () -> sink.drain(new ByteArrayInputStream(body), new byte[LARGE]));
        assertThat(sink.bytes()).isEqualTo(body.length);
        assertThat(sink.sha256()).isEqualTo(sha256(body, body.length));
    }

    @Test
    void largeBodyInShortIrregularReadsIsWrittenExactly() throws Exception {
        byte[] body = random(20 * 1024 * 1024 + 123);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        BodySink sink = new BodySink(-1, file);
        assertTimeoutPreemptively(HANG_GUARD, () -> sink.drain(irregular(body), new byte[LARGE]));
        assertThat(sink.bytes()).isEqualTo(body.length);
        assertThat(sink.sha256()).isEqualTo(sha256(body, body.length));
        assertThat(Arrays.equals(file.toByteArray(), body)).as("file bytes equal the body").isTrue();
    }

    @Test
    void smallBufferOrSmallBodyStaysOnTheReadingThreadAndIsExact() throws Exception {
        byte[] big = random(6 * 1024 * 1024 + 1);
        BodySink smallBuffer = new BodySink(-1, null);
        smallBuffer.drain(irregular(big), new byte[4096]);
        assertThat(smallBuffer.bytes()).isEqualTo(big.length);
        assertThat(smallBuffer.sha256()).isEqualTo(sha256(big, big.length));

        byte[] small = random(1000);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        BodySink smallBody = new BodySink(-1, file);
        smallBody.drain(new ByteArrayInputStream(small), new byte[LARGE]);
        assertThat(smallBody.bytes()).isEqualTo(1000);
        assertThat(smallBody.sha256()).isEqualTo(sha256(small, small.length));
        assertThat(file.toByteArray()).isEqualTo(small);

        BodySink empty = new BodySink(-1, null);
        empty.drain(new ByteArrayInputStream(new byte[0]), new byte[LARGE]);
        assertThat(empty.bytes()).isZero();
        assertThat(empty.sha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void maxSizePastTheThresholdIsExactAndSaysWhatTheSerialPathSays() {
        byte[] body = random(12 * 1024 * 1024);
        long max = 10 * 1024 * 1024 + 7;
        for (int buffer : new int[] {LARGE, 4096}) { // pipelined, then serial
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            BodySink sink = new BodySink(max, file);
            FetchException e = drainFails(sink, irregular(body), buffer);
            assertThat(e.kind()).isEqualTo(ErrorKind.TOO_LARGE);
            assertThat(e.getMessage()).isEqualTo("body larger than --max-size 10485767 bytes");
            assertThat(sink.bytes()).isEqualTo(max);
            assertThat(sink.sha256()).isEqualTo(sha256(body, (int) max));
            assertThat(file.toByteArray()).isEqualTo(Arrays.copyOf(body, (int) max));
        }
    }

    @Test
    void bodyOfExactlyMaxSizeIsFine() throws Exception {
        byte[] body = random(9 * 1024 * 1024 + 5);
        BodySink sink = new BodySink(body.length, null);
        assertTimeoutPreemptively(HANG_GUARD, () -> sink.drain(irregular(body), new byte[LARGE]));
        assertThat(sink.bytes()).isEqualTo(body.length);
        assertThat(sink.sha256()).isEqualTo(sha256(body, body.length));
    }

    @Test
    void readErrorsAfterTheThresholdMapAsOnOneThread() {
        byte[] body = random(8 * 1024 * 1024 + 99);
        int at = body.length;
        for (int buffer : new int[] {LARGE, 4096}) {
            BodySink broken = new BodySink(-1, null);
            FetchException e = drainFails(broken,
                    failingAfter(body, at, FetchException.truncated("connection broken while reading: reset")), buffer);
            assertThat(e.kind()).isEqualTo(ErrorKind.TRUNCATED);
            assertThat(e.getMessage()).isEqualTo("connection broken while reading: reset");
            assertThat(broken.bytes()).isEqualTo(at);
            assertThat(broken.sha256()).isEqualTo(sha256(body, at));

            BodySink undecodable = new BodySink(-1, null);
            e = drainFails(undecodable, failingAfter(body, at, new IOException("bad gzip")), buffer);
            assertThat(e.kind()).isEqualTo(ErrorKind.PROTOCOL);
            assertThat(e.getMessage()).isEqualTo("body cannot be decoded: bad gzip");
            assertThat(undecodable.bytes()).isEqualTo(at);
            assertThat(undecodable.sha256()).isEqualTo(sha256(body, at));
        }
    }

    @Test
    void fileWriteFailureEndsTheDrainWithAnIoError() {
        byte[] body = random(16 * 1024 * 1024);
        int limit = 6 * 1024 * 1024;
        for (int buffer : new int[] {LARGE, 4096}) {
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            OutputStream failing = new OutputStream() {
                @Override
                public void write(int b) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (file.size() + len > limit) {
                        throw new IOException("no space left on device");
                    }
                    file.write(b, off, len);
                }
            };
            int[] reads = {0};
            InputStream in = new ByteArrayInputStream(body) {
                @Override
                public synchronized int read(byte[] b, int off, int len) {
                    reads[0]++;
                    return super.read(b, off, len);
                }
            };
            BodySink sink = new BodySink(-1, failing);
            FetchException e = drainFails(sink, in, buffer);
            assertThat(e.kind()).isEqualTo(ErrorKind.IO);
            assertThat(e.getMessage()).isEqualTo("cannot write the body: no space left on device");
            assertThat(file.size()).isLessThanOrEqualTo(limit);
            assertThat(Arrays.equals(file.toByteArray(), Arrays.copyOf(body, file.size()))).isTrue();
            // reading stopped soon after the failure (a few buffers ahead at most), not at the end
            assertThat((long) reads[0] * buffer).isLessThan(limit + 8L * buffer);
        }
    }

    @Test
    void expectTextFindsANeedleAcrossAChunkBoundaryPastTheThreshold() throws Exception {
        byte[] body = new byte[12 * 1024 * 1024];
        Arrays.fill(body, (byte) 'a');
        byte[] needle = "needle across buffers".getBytes(StandardCharsets.US_ASCII);
        int at = 8 * LARGE * 4 - 5; // 8 MiB - 5: past the threshold, across a 256 KiB boundary
        System.arraycopy(needle, 0, body, at, needle.length);
        TextSearch present = new TextSearch(needle);
        TextSearch absent = new TextSearch("needle across buffers!".getBytes(StandardCharsets.US_ASCII));
        BodySink sink = new BodySink(-1, null);
        sink.taps(List.of(present, absent));
        assertTimeoutPreemptively(HANG_GUARD, () -> sink.drain(new ByteArrayInputStream(body), new byte[LARGE]));
        assertThat(present.found()).isTrue();
        assertThat(absent.found()).isFalse();
        assertThat(sink.sha256()).isEqualTo(sha256(body, body.length));
    }

    /** Only the helper notices an interrupt between reads, so this also shows the body was pipelined. */
    @Test
    void interruptedReaderStopsAsCancelledAndKeepsTheFlag() {
        byte[] body = random(12 * 1024 * 1024);
        int interruptAt = 6 * 1024 * 1024;
        // more times than there are helper permits: each pipelined drain gives its permit back
        for (int round = 0; round < Runtime.getRuntime().availableProcessors() + 2; round++) {
            InputStream in = new ByteArrayInputStream(body) {
                private int delivered;

                @Override
                public synchronized int read(byte[] b, int off, int len) {
                    int n = super.read(b, off, len);
                    delivered += Math.max(n, 0);
                    if (delivered >= interruptAt) {
                        Thread.currentThread().interrupt(); // as Engine.cancel does to a worker
                    }
                    return n;
                }
            };
            BodySink sink = new BodySink(-1, null);
            boolean[] flag = {false};
            FetchException e = assertTimeoutPreemptively(HANG_GUARD, () -> {
                FetchException f = catchThrowableOfType(FetchException.class, () -> sink.drain(in, new byte[LARGE]));
                flag[0] = Thread.interrupted();
                return f;
            });
            assertThat(e).as("round %d", round).isNotNull();
            assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED);
            assertThat(flag[0]).as("interrupt flag restored").isTrue();
            assertThat(sink.bytes()).isEqualTo(interruptAt);
            assertThat(sink.sha256()).isEqualTo(sha256(body, interruptAt));
        }
    }
}
