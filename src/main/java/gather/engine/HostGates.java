package gather.engine;

import gather.plan.FetchOptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What a request waits for before it starts, besides a free connection slot (-j): a per-host
 * slot (--per-host), a start slot under --rate (global, or per host with --rate-per-host), and
 * a host's Retry-After pause, which applies to everyone's requests to that host.
 */
final class HostGates {
    private final int perHost;
    private final Pacer globalPacer;
    private final FetchOptions.RateLimit rate;
    private final boolean ratePerHost;
    private final Map<String, Gate> gates = new ConcurrentHashMap<>();

    HostGates(int perHost, FetchOptions.RateLimit rate, boolean ratePerHost) {
        this.perHost = perHost;
        this.rate = rate;
        this.ratePerHost = ratePerHost;
        this.globalPacer = rate != null && !ratePerHost ? new Pacer(rate) : null;
    }

    private static final Runnable NOTHING_TO_RELEASE = () -> { };

    private static final class Gate {
        final Semaphore slots;
        final Runnable release;
        final Pacer pacer;
        volatile long notBefore;

        Gate(int perHost, Pacer pacer) {
            this.slots = perHost > 0 ? new Semaphore(perHost) : null;
            this.release = slots == null ? NOTHING_TO_RELEASE : new SlotRelease(slots);
            this.pacer = pacer;
        }
    }

    /**
     * A class, not {@code slots::release}: a method reference is linked the first time it runs,
     * and one the AOT cache's training never ran (it runs without --per-host) cost 5-8 ms of a
     * one-URL run to link.
     */
    private record SlotRelease(Semaphore slots) implements Runnable {
        @Override
        public void run() {
            slots.release();
        }
    }

    /** Spaces request starts: at most {@code permits} per period, evenly. */
    static final class Pacer {
        private final ReentrantLock lock = new ReentrantLock();
        private final long intervalNanos;
        private long next;

        Pacer(FetchOptions.RateLimit rate) {
            this.intervalNanos = (long) (rate.periodNanos() / rate.permits());
        }

        /** Reserves the next start slot and returns when it comes. */
        boolean await(Cancellation cancel) {
            long slot;
            lock.lock();
            try {
                long now = System.nanoTime();
                slot = Math.max(now, next);
                next = slot + intervalNanos;
            } finally {
                lock.unlock();
            }
            return cancel.sleep(slot - System.nanoTime());
        }
    }

    /** Waits for every gate of this host; returns a release action, or null when cancelled. */
    Runnable acquire(String hostPort, Cancellation cancel) throws InterruptedException {
        Gate g = gates.computeIfAbsent(hostPort, k -> new Gate(perHost, ratePerHost && rate != null ? new Pacer(rate) : null));
        if (g.slots != null) {
            g.slots.acquire();
        }
        Runnable release = g.release;
        long pause = g.notBefore - System.nanoTime();
        if (g.notBefore != 0 && pause > 0 && !cancel.sleep(pause)) {
            release.run();
            return null;
        }
        Pacer p = g.pacer != null ? g.pacer : globalPacer;
        if (p != null && !p.await(cancel)) {
            release.run();
            return null;
        }
        return release;
    }

    /** Retry-After: nobody starts a request to this host before {@code untilNanos}. */
    void slowDown(String hostPort, long untilNanos) {
        Gate g = gates.get(hostPort);
        if (g != null && untilNanos - g.notBefore > 0) {
            g.notBefore = untilNanos;
        }
    }
}
