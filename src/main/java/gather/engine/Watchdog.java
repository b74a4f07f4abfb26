package gather.engine;

import gather.result.ErrorKind;
import gather.result.FetchException;
import java.io.Closeable;
import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Enforces the idle-read (--read-timeout) and whole-request (--timeout) deadlines of every
 * exchange in flight with one thread that looks every {@link #TICK_NANOS} and closes the socket
 * of an exchange past a deadline; the blocked read or write then fails and reports the timeout.
 * This costs a volatile write per read, where a socket timeout would cost a timer per read
 * (a scheduled and cancelled unpark for every virtual thread that waits).
 */
final class Watchdog implements AutoCloseable {
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

    private final Queue<Watch> watches = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    Watchdog() {
        thread = Thread.ofPlatform().daemon().name("gather-watchdog").start(this::loop);
    }

    /** One per worker: the exchange it is running, if any. */
    final class Watch {
        private final ReentrantLock lock = new ReentrantLock();
        private volatile Closeable socket; // written under lock; null when nothing is armed
        private volatile long totalDeadline = Long.MAX_VALUE; // written under lock
        private volatile long idleDeadline = Long.MAX_VALUE;
        private long readTimeoutNanos;
        private FetchException fired;      // guarded by lock
        private Deadline deadline;         // guarded by lock

        /** Watches {@code socket} until {@link #disarm()}; closes it when a deadline passes. */
        void arm(Closeable socket, Deadline deadline) {
            lock.lock();
            try {
                this.socket = socket;
                this.totalDeadline = deadline.endNanos();
                this.readTimeoutNanos = deadline.readTimeoutNanos();
                this.idleDeadline = Long.MAX_VALUE;
                this.fired = null;
                this.deadline = deadline;
            } finally {
                lock.unlock();
            }
        }

        void disarm() {
            lock.lock();
            try {
                socket = null;
                idleDeadline = Long.MAX_VALUE;
            } finally {
                lock.unlock();
            }
        }

        /** A read is about to block: the idle clock starts. */
        void reading(long now) {
            if (readTimeoutNanos > 0) {
                idleDeadline = now + readTimeoutNanos;
            }
        }

        /** A read returned: the idle clock stops (time spent elsewhere is not idle time). */
        void read() {
            if (readTimeoutNanos > 0) {
                idleDeadline = Long.MAX_VALUE;
            }
        }

        /** The timeout that closed the socket, if one did. */
        FetchException fired() {
            lock.lock();
            try {
                return fired;
            } finally {
                lock.unlock();
            }
        }

        private void check(long now) {
            // lock-free look first: the watchdog passes every worker every tick, and almost all are fine
            if (socket == null
                    || (now - totalDeadline < 0 || totalDeadline == Long.MAX_VALUE)
                    && (now - idleDeadline < 0 || idleDeadline == Long.MAX_VALUE)) {
                return;
            }
            Closeable victim = null;
            lock.lock();
            try {
                if (socket == null || fired != null) {
                    return;
                }
                if (now - totalDeadline >= 0 && totalDeadline != Long.MAX_VALUE) {
                    fired = deadline.expired();
                } else if (now - idleDeadline >= 0 && idleDeadline != Long.MAX_VALUE) {
                    fired = new FetchException(ErrorKind.TIMEOUT, "no data from the server for "
                            + Deadline.fmt(readTimeoutNanos / 1e9) + " s (--read-timeout)");
                } else {
                    return;
                }
                victim = socket;
            } finally {
                lock.unlock();
            }
            try {
                victim.close();
            } catch (IOException ignored) {
                // it is going away either way
            }
        }
    }

    Watch watch() {
        Watch w = new Watch();
        watches.add(w);
        return w;
    }

    private void loop() {
        while (!closed) {
            try {
                Thread.sleep(TimeUnit.NANOSECONDS.toMillis(TICK_NANOS));
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Watch w : watches) {
                w.check(now);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
