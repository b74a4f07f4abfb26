package gather.engine;

import gather.http1.Headers;
import gather.plan.FetchOptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What a request waits for before it starts, besides a free connection slot (-j): a per-host
 * slot (--per-host), a start slot under --rate (global, or per host with --rate-per-host), a
 * host's Retry-After pause, which applies to everyone's requests to that host, and the host's own
 * word on its quota (rate-limit headers, {@link QuotaPace}), unless --no-rate-limit-headers.
 */
final class HostGates {
    private final int perHost;
    private final Pacer globalPacer;
    private final FetchOptions.RateLimit rate;
    private final boolean ratePerHost;
    private final Map<String, Gate> gates = new ConcurrentHashMap<>();
    /** Read rate-limit headers; the longest wait they may cause (--retry-max-wait). */
    private final boolean serverQuota;
    private final long quotaCapNanos;

    HostGates(int perHost, FetchOptions.RateLimit rate, boolean ratePerHost, boolean serverQuota, long quotaCapNanos) {
        this.perHost = perHost;
        this.rate = rate;
        this.ratePerHost = ratePerHost;
        this.globalPacer = rate != null && !ratePerHost ? new Pacer(rate) : null;
        this.serverQuota = serverQuota;
        this.quotaCapNanos = quotaCapNanos;
    }

    private static final class Gate {
        final Semaphore slots;
        final Runnable release;
        final Pacer pacer;
        volatile long notBefore;
        /** Requests to this host started and not yet finished: they spend quota the last answer counted as left. */
        final AtomicInteger inFlight = new AtomicInteger();
        final QuotaPace quota = new QuotaPace();

        Gate(int perHost, Pacer pacer) {
            this.slots = perHost > 0 ? new Semaphore(perHost) : null;
            this.release = new GateRelease(this);
            this.pacer = pacer;
        }
    }

    /**
     * A class, not a lambda or method reference: one is linked the first time it runs, and one
     * the AOT cache's training never ran (it runs without --per-host) cost 5-8 ms of a one-URL
     * run to link.
     */
    private record GateRelease(Gate gate) implements Runnable {
        @Override
        public void run() {
            gate.inFlight.decrementAndGet();
            if (gate.slots != null) {
                gate.slots.release();
            }
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
        Gate g = gate(hostPort);
        if (g.slots != null) {
            g.slots.acquire();
        }
        long pause = g.notBefore - System.nanoTime();
        if (g.notBefore != 0 && pause > 0 && !cancel.sleep(pause)) {
            return abandon(g);
        }
        if (serverQuota && !cancel.sleep(g.quota.reserve(System.nanoTime()) - System.nanoTime())) {
            return abandon(g);
        }
        Pacer p = g.pacer != null ? g.pacer : globalPacer;
        if (p != null && !p.await(cancel)) {
            return abandon(g);
        }
        g.inFlight.incrementAndGet();
        return g.release;
    }

    /** Cancelled while waiting: give the slot back; nothing was sent. */
    private static Runnable abandon(Gate g) {
        if (g.slots != null) {
            g.slots.release();
        }
        return null;
    }

    private Gate gate(String hostPort) {
        return gates.computeIfAbsent(hostPort, k -> new Gate(perHost, ratePerHost && rate != null ? new Pacer(rate) : null));
    }

    /**
     * A response from this host: what its rate-limit headers say (if any, and unless turned off)
     * paces the host's later starts. Also for a host reached only by a redirect: its gate is made
     * here, so URLs of the run that name it are paced too.
     */
    void heard(String hostPort, Headers headers) {
        if (!serverQuota) {
            return;
        }
        RateLimitHeaders.Quota q = RateLimitHeaders.read(headers, System.currentTimeMillis());
        if (q == null) {
            return;
        }
        Gate g = gate(hostPort);
        g.quota.heard(RateLimitHeaders.advice(q, g.inFlight.get() - 1L, quotaCapNanos), System.nanoTime());
    }

    /** Retry-After: nobody starts a request to this host before {@code untilNanos}. */
    void slowDown(String hostPort, long untilNanos) {
        Gate g = gates.get(hostPort);
        if (g != null && untilNanos - g.notBefore > 0) {
            g.notBefore = untilNanos;
        }
    }
}
