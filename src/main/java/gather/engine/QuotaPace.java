package gather.engine;

import java.util.concurrent.locks.ReentrantLock;

/**
 * One host's pacing by its own word ({@link RateLimitHeaders}): the latest advice decides how
 * far apart the host's request starts are, and a quota spent pauses the host until its reset.
 * Owned by the host's gate in {@link HostGates}; only ever adds waits.
 */
final class QuotaPace {
    private final ReentrantLock lock = new ReentrantLock();
    private long intervalNanos;
    private long pausedUntil;
    private long next;
    private long lastStart;
    private boolean started;

    /** A response's advice, heard at {@code now}: replaces the spacing, extends (never shortens) a pause. */
    void heard(RateLimitHeaders.Advice advice, long now) {
        lock.lock();
        try {
            if (advice.pauseNanos() > 0 && now + advice.pauseNanos() - pausedUntil > 0) {
                pausedUntil = now + advice.pauseNanos();
            }
            intervalNanos = advice.intervalNanos();
            next = (started ? lastStart : now) + intervalNanos;
        } finally {
            lock.unlock();
        }
    }

    /** Reserves the host's next start and returns when it is (System.nanoTime). */
    long reserve(long now) {
        lock.lock();
        try {
            long slot = now;
            if (pausedUntil - slot > 0) {
                slot = pausedUntil;
            }
            if (started && next - slot > 0) {
                slot = next;
            }
            started = true;
            lastStart = slot;
            next = slot + intervalNanos;
            return slot;
        } finally {
            lock.unlock();
        }
    }
}
