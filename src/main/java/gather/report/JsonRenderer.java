package gather.report;

import com.fasterxml.jackson.core.JsonGenerator;
import gather.result.FetchResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes each result's JSON object ({@link ResultJson}) as the run goes, off the workers' path:
 * a worker hands its result over and fetches its next URL while one virtual thread writes the
 * objects, with one generator and one buffer, into a {@link ResultStore} by index. The renderer
 * is woken for a batch ({@link #BATCH} results), not for each one. The hand-over is bounded
 * ({@link #QUEUE}): a renderer that falls behind slows the workers, it never holds every result.
 * At the end ({@link #finish}) the last objects are made and the store is read in input order.
 */
final class JsonRenderer implements AutoCloseable {
    /** Results waiting to be written; a worker waits when this many are. */
    static final int QUEUE = 4096;
    /**
     * The renderer wakes when this many results wait (or at the end). Woken for each result, as
     * it was behind a blocking queue, the wake-ups (a virtual thread unparked, often an idle
     * carrier woken through the kernel) cost 50,000 small pages with --json 3% (performance.md).
     */
    static final int BATCH = 256;

    private final ResultStore<byte[]> store;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition batchReady = lock.newCondition();
    private final Condition roomFree = lock.newCondition();
    private FetchResult[] pending = new FetchResult[QUEUE]; // guarded by lock
    private int count;                                      // guarded by lock
    private boolean ending;                                 // guarded by lock
    private final Thread thread;
    private IOException failure; // written by the renderer, read after join
    private JsonGenerator generator; // the renderer's, made at its first result

    JsonRenderer(ResultStore<byte[]> store) {
        this.store = store;
        this.thread = Thread.ofVirtual().name("gather-json").start(this::render);
    }

    /** One finished URL, from any thread; never lost, even to an interrupt (which stays set). */
    void submit(FetchResult r) {
        lock.lock();
        try {
            while (count == pending.length) {
                roomFree.awaitUninterruptibly();
            }
            pending[count++] = r;
            if (count == BATCH) {
                batchReady.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every submitted result is written, then every object in input order. When they
     * could not be kept (the temporary file), asking for them fails, before any is read: a report
     * that needs them fails and says why, the others still finish.
     */
    Iterable<byte[]> finish() {
        lock.lock();
        try {
            ending = true;
            batchReady.signal();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure == null) {
            return store.inOrder();
        }
        IOException why = new IOException("the results could not be kept for the JSON document (a temporary file"
                + " in " + store.spillPlace() + "): "
                + FileProblem.why(failure), failure);
        return () -> {
            throw new UncheckedIOException(why);
        };
    }

    /**
     * Takes the waiting results a batch at a time (swapping arrays with the workers' side) until
     * the end. After a failure (the spill file cannot be written) it keeps taking them, so no
     * worker ever waits for room; finish() reports the failure.
     */
    private void render() {
        Buffer buffer = new Buffer();
        FetchResult[] batch = new FetchResult[QUEUE];
        while (true) {
            int n;
            boolean last;
            lock.lock();
            try {
                while (count < BATCH && !ending) {
                    batchReady.await();
                }
                FetchResult[] full = pending;
                pending = batch;
                batch = full;
                n = count;
                count = 0;
                last = ending;
                roomFree.signalAll();
            } catch (InterruptedException e) { // close(): the run is over
                return;
            } finally {
                lock.unlock();
            }
            for (int i = 0; i < n; i++) {
                write(batch[i], buffer);
                batch[i] = null;
            }
            if (last) {
                return;
            }
        }
    }

    /** One result into the store (nothing after a failure): a method of its own, so that it is compiled (the loop that calls it runs once). */
    private void write(FetchResult r, Buffer buffer) {
        if (failure != null) {
            return;
        }
        try {
            if (generator == null) {
                generator = Json.generator(buffer);
            }
            ResultJson.write(generator, r);
            generator.flush();
            store.put(r.index(), buffer.bytes(), 0, buffer.size());
        } catch (IOException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new IOException("writing result " + r.index() + " as JSON failed: " + e, e);
        } finally {
            buffer.reset();
        }
    }

    /** A byte buffer whose bytes the store copies (or writes out) without a copy of its own first. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(4096);
        }

        byte[] bytes() {
            return buf;
        }
    }

    @Override
    public void close() throws IOException {
        thread.interrupt();
        store.close();
    }
}
