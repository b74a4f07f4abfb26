package gather.net;

import gather.io.BlockInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * --limit-rate: one token bucket for the whole run, shared by every connection's reads. A read
 * first takes a grant of at most {@link #quantum()} bytes (waiting for the tokens to refill),
 * reads at most that many, and gives back what it did not use; so the bytes that pass never run
 * ahead of the rate by more than the bucket's small capacity (20 ms of the rate, at least 1 KiB
 * or one second's worth when that is less), and the refill is continuous (nanosecond clock).
 */
public final class TokenBucket {
    /** Time as the bucket sees it: the real clock, or a test's. */
    interface Clock {
        long nanoTime();

        void sleepNanos(long nanos) throws InterruptedException;
    }

    private static final Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
            Thread.sleep(Duration.ofNanos(nanos));
        }
    };

    private static final int MAX_QUANTUM = 16 * 1024;

    private final long bytesPerSecond;
    private final Clock clock;
    private final long capacity;
    private final int quantum;
    private final ReentrantLock lock = new ReentrantLock();
    private double tokens;   // guarded by lock
    private long last;       // guarded by lock
    private long passed;     // guarded by lock: bytes granted and not given back

    public TokenBucket(long bytesPerSecond) {
        this(bytesPerSecond, SYSTEM);
    }

    TokenBucket(long bytesPerSecond, Clock clock) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("rate must be > 0");
        }
        this.bytesPerSecond = bytesPerSecond;
        this.clock = clock;
        this.capacity = Math.max(Math.min(bytesPerSecond, 1024), bytesPerSecond / 50);
        this.quantum = (int) Math.min(capacity, MAX_QUANTUM);
        this.tokens = capacity;
        this.last = clock.nanoTime();
    }

    public long bytesPerSecond() {
        return bytesPerSecond;
    }

    /** The most bytes the bucket holds: the largest burst above the rate. */
    long capacity() {
        return capacity;
    }

    /** The largest grant for one read. */
    int quantum() {
        return quantum;
    }

    /** Bytes let through so far (grants minus what was given back). */
    public long passed() {
        lock.lock();
        try {
            return passed;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until {@code min(want, quantum)} bytes may be read, and takes them. */
    int acquire(int want) throws InterruptedException {
        int need = Math.max(1, Math.min(want, quantum));
        while (true) {
            long waitNanos;
            lock.lock();
            try {
                refill();
                if (tokens >= need) {
                    tokens -= need;
                    passed += need;
                    return need;
                }
                waitNanos = (long) Math.ceil((need - tokens) * 1e9 / bytesPerSecond);
            } finally {
                lock.unlock();
            }
            clock.sleepNanos(Math.max(1, waitNanos));
        }
    }

    /** Gives back the part of a grant a read did not use. */
    void giveBack(int unused) {
        if (unused <= 0) {
            return;
        }
        lock.lock();
        try {
            refill();
            tokens = Math.min(capacity, tokens + unused);
            passed -= unused;
        } finally {
            lock.unlock();
        }
    }

    private void refill() {
        long now = clock.nanoTime();
        long elapsed = now - last;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * (bytesPerSecond / 1e9));
            last = now;
        }
    }

    /** {@code in} read at most as fast as this bucket allows (together with every other stream it throttles). */
    InputStream throttle(InputStream in) {
        return new Throttled(in);
    }

    private final class Throttled extends BlockInputStream {
        private final InputStream in;

        Throttled(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int grant;
            try {
                grant = acquire(len);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the caller maps an interrupted read to cancelled
                throw new InterruptedIOException("interrupted while waiting under --limit-rate");
            }
            int n = 0;
            try {
                n = in.read(b, off, grant);
                return n;
            } finally {
                giveBack(grant - Math.max(n, 0));
            }
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
