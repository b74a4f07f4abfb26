package gather.body;

import gather.result.ErrorKind;
import gather.result.FetchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * Where a body goes: counted, hashed (SHA-256) and size-checked as it streams, and written to a
 * file when asked. Never holds the body.
 *
 * <p>Large bodies are pipelined: reading a socket costs about 1.0 s/GiB and hashing 0.8 s/GiB, and
 * in turn on one thread a 1 GiB loopback download took 2.1 s (median, 2 cores). Past {@link
 * #PIPELINE_AFTER} bytes the reading thread fills buffers and hands them to a helper (virtual)
 * thread that does the rest in order ({@link #update}: digest, the checks' taps, file): 1.6 s. Four
 * buffers beat three (1.8 s) and a platform helper (1.7-1.9 s). At most one helper per core
 * ({@link #HELPERS}, never waited for): with many large bodies at once the connections keep the
 * cores busy anyway, and the extra buffers stay bounded.
 */
public final class BodySink {
    static final long PIPELINE_AFTER = 4L << 20;
    static final int PIPELINE_MIN_BUFFER = 64 * 1024;
    private static final int BUFFERS = 4;
    /** One per core; none on one core, where a helper has nothing to run in parallel with. */
    private static final Semaphore HELPERS = new Semaphore(
            Runtime.getRuntime().availableProcessors() > 1 ? Runtime.getRuntime().availableProcessors() : 0);
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
    private java.util.List<? extends BodyTap> taps = java.util.List.of();

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
        boolean pipelineTried = buf.length < PIPELINE_MIN_BUFFER;
        while (true) {
            if (!pipelineTried && bytes >= PIPELINE_AFTER) {
                pipelineTried = true; // once: not a try on the shared semaphore per read when none is free
                if (HELPERS.tryAcquire()) {
                    try {
                        drainPipelined(body, buf);
                        return;
                    } finally {
                        HELPERS.release();
                    }
                }
            }
            int n = read(body, buf, 0);
            if (n < 0) {
                return;
            }
            accept(buf, 0, n);
        }
    }

    private static int read(InputStream body, byte[] buf, int off) throws FetchException {
        try {
            return body.read(buf, off, buf.length - off);
        } catch (FetchException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw FetchException.protocol("body cannot be decoded: " + e.getMessage());
        }
    }

    /** A filled buffer on its way to the helper; {@link #END} (no buffer) says there is no more. */
    private record Chunk(byte[] buf, int len) {
    }

    private static final Chunk END = new Chunk(null, 0);

    /**
     * The rest of the body with a helper thread running {@link #update}; this thread only reads
     * and counts (so --max-size stays exact). Whatever ends it, the helper is joined first, so
     * {@link #bytes()} and {@link #sha256()} are exact afterwards; a helper failure wins, as it
     * concerns earlier bytes.
     */
    private void drainPipelined(InputStream body, byte[] buf) throws FetchException {
        BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
        BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(BUFFERS + 1); // room for END: add never blocks
        free.add(buf);
        for (int i = 1; i < BUFFERS; i++) {
            free.add(new byte[buf.length]);
        }
        Helper helper = new Helper(free, full);
        Thread thread = Thread.ofVirtual().name("gather-body-hash").start(helper);
        long read = bytes;
        FetchException stop = null;
        boolean end = false;
        try {
            while (!end && stop == null) {
                byte[] b = free.take();
                if (helper.failure != null) {
                    break;
                }
                int len = 0;
                try {
                    while (len < b.length) { // fill it: one hand-over per buffer, not per (~128 KiB) read
                        int n = read(body, b, len);
                        if (n < 0) {
                            end = true;
                            break;
                        }
                        if (maxSize >= 0 && read + len + n > maxSize) {
                            len = (int) (maxSize - read);
                            stop = tooLarge();
                            break;
                        }
                        len += n;
                    }
                } catch (FetchException e) {
                    stop = e;
                }
                read += len;
                full.add(new Chunk(b, len));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop = new FetchException(ErrorKind.CANCELLED, "interrupted while reading the body");
        } finally {
            full.add(END);
            joinUninterruptibly(thread);
        }
        Throwable failed = helper.failure;
        if (failed instanceof FetchException f) {
            throw f;
        } else if (failed instanceof RuntimeException r) {
            throw r;
        } else if (failed instanceof Error e) {
            throw e;
        } else if (failed != null) {
            throw new IllegalStateException(failed);
        }
        if (stop != null) {
            throw stop;
        }
    }

    /** Takes chunks until END; after a failure it only gives the buffers back, so nobody waits forever. */
    private final class Helper implements Runnable {
        private final BlockingQueue<byte[]> free;
        private final BlockingQueue<Chunk> full;
        volatile Throwable failure;

        Helper(BlockingQueue<byte[]> free, BlockingQueue<Chunk> full) {
            this.free = free;
            this.full = full;
        }

        @Override
        public void run() {
            while (true) {
                Chunk c;
                try {
                    c = full.take();
                } catch (InterruptedException e) {
                    continue; // nobody interrupts it, and the reader's END is still to come
                }
                if (c == END) {
                    break;
                }
                if (failure == null) {
                    try {
                        update(c.buf, 0, c.len);
                    } catch (Throwable t) {
                        failure = t;
                    }
                }
                free.add(c.buf);
            }
        }
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private FetchException tooLarge() {
        return new FetchException(ErrorKind.TOO_LARGE, "body larger than --max-size " + maxSize + " bytes");
    }

    public void accept(byte[] b, int off, int len) throws FetchException {
        if (maxSize >= 0 && bytes + len > maxSize) {
            int fits = (int) (maxSize - bytes);
            update(b, off, fits);
            throw tooLarge();
        }
        update(b, off, len);
    }

    private void update(byte[] b, int off, int len) throws FetchException {
        digest.update(b, off, len);
        bytes += len;
        for (BodyTap t : taps) {
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

    /** Also feed the body to these as it streams (--expect-text's searches, a check's capture). */
    public void taps(java.util.List<? extends BodyTap> taps) {
        this.taps = taps;
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
