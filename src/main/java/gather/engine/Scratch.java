package gather.engine;

import java.util.concurrent.ConcurrentLinkedQueue;

/** Per worker: the head and body buffers, reused for every URL the worker fetches. */
final class Scratch {
    static final int SMALL = 8 * 1024;
    static final int LARGE = 256 * 1024;

    /** The connection's read buffer: response heads, and small bodies, land here first. */
    final byte[] head = new byte[SMALL];
    /** Where small bodies are copied to be counted and hashed. */
    final byte[] small = new byte[SMALL / 2];
    /** The worker's slot in the run's watchdog (read and whole-request deadlines). */
    final Watchdog.Watch watch;
    /** Large body buffers, shared by the run's workers: 10,000 connections must not mean 10,000 of them. */
    private final ConcurrentLinkedQueue<byte[]> largePool;

    Scratch(Watchdog.Watch watch, ConcurrentLinkedQueue<byte[]> largePool) {
        this.watch = watch;
        this.largePool = largePool;
    }

    /** A body buffer fit for a body of this many bytes (null: unknown); give large ones back. */
    byte[] bodyBuffer(Long expected) {
        if (expected != null && expected <= small.length) {
            return small;
        }
        byte[] b = largePool.poll();
        return b != null ? b : new byte[LARGE];
    }

    void giveBack(byte[] b) {
        if (b.length == LARGE && largePool.size() < 64) {
            largePool.offer(b);
        }
    }
}
