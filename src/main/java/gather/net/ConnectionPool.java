package gather.net;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Idle keep-alive connections by pool key (scheme, host, port, proxy). Most recently used first;
 * at most {@code maxIdlePerKey} kept per key; idle ones older than {@code idleTimeout} are
 * closed when met. The lock guards only the map, never I/O.
 */
public final class ConnectionPool implements AutoCloseable {
    private static final long PROBE_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Deque<Connection>> idle = new HashMap<>();
    private final int maxIdlePerKey;
    private final long idleTimeoutNanos;
    private boolean closed;

    public ConnectionPool(int maxIdlePerKey, long idleTimeoutNanos) {
        this.maxIdlePerKey = maxIdlePerKey;
        this.idleTimeoutNanos = idleTimeoutNanos;
    }

    /** A healthy idle connection for this key, or null. */
    public Connection take(String key) {
        while (true) {
            Connection c;
            lock.lock();
            try {
                Deque<Connection> q = idle.get(key);
                c = q == null ? null : q.pollFirst();
            } finally {
                lock.unlock();
            }
            if (c == null) {
                return null;
            }
            long now = System.nanoTime();
            if (now - c.idleSince() < idleTimeoutNanos && c.healthy(now, PROBE_AFTER_NANOS)) {
                return c;
            }
            c.close();
        }
    }

    /** Offers a connection whose last exchange completed cleanly; closes it if not kept. */
    public void offer(Connection c) {
        Connection evicted = null;
        boolean kept = false;
        lock.lock();
        try {
            if (!closed && maxIdlePerKey > 0) {
                Deque<Connection> q = idle.computeIfAbsent(c.poolKey(), k -> new ArrayDeque<>());
                q.addFirst(c);
                kept = true;
                if (q.size() > maxIdlePerKey) {
                    evicted = q.pollLast();
                }
            }
        } finally {
            lock.unlock();
        }
        if (!kept) {
            c.close();
        }
        if (evicted != null) {
            evicted.close();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            for (Deque<Connection> q : idle.values()) {
                for (Connection c : q) {
                    c.close();
                }
            }
            idle.clear();
        } finally {
            lock.unlock();
        }
    }
}
