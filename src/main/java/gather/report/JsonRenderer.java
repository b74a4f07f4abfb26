package gather.report;

import com.fasterxml.jackson.core.JsonGenerator;
import gather.result.FetchResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Makes each result's JSON object ({@link ResultJson}) as the run goes, off the workers' path:
 * a worker hands its result over and fetches its next URL while one virtual thread writes the
 * objects, with one generator and one buffer, into a {@link ResultStore} by index. The hand-over
 * queue is bounded: a renderer that falls behind slows the workers, it never holds every result.
 * At the end ({@link #finish}) the last objects are made and the store is read in input order.
 */
final class JsonRenderer implements AutoCloseable {
    /** Results waiting to be written; a worker waits when it is full. */
    static final int QUEUE = 4096;
    private static final FetchResult END = FetchResult.builder(-1, "").build();

    private final ResultStore<byte[]> store;
    private final BlockingQueue<FetchResult> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread thread;
    private IOException failure; // written by the renderer, read after join

    JsonRenderer(ResultStore<byte[]> store) {
        this.store = store;
        this.thread = Thread.ofVirtual().name("gather-json").start(this::render);
    }

    /** One finished URL, from any thread; never lost, even to an interrupt (which stays set). */
    void submit(FetchResult r) {
        uninterruptibly(() -> queue.put(r));
    }

    /**
     * Waits until every submitted result is written, then every object in input order. When they
     * could not be kept (the temporary file), asking for them fails, before any is read: a report
     * that needs them fails and says why, the others still finish.
     */
    Iterable<byte[]> finish() {
        if (thread.isAlive()) {
            submit(END);
            uninterruptibly(thread::join);
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
     * Takes results until {@link #END}. After a failure (the spill file cannot be written) it
     * keeps taking them, so no worker ever waits on a full queue; finish() reports the failure.
     */
    private void render() {
        Buffer buffer = new Buffer();
        JsonGenerator g = null;
        while (true) {
            FetchResult r;
            try {
                r = queue.take();
            } catch (InterruptedException e) { // close(): the run is over
                return;
            }
            if (r == END) {
                return;
            }
            if (failure != null) {
                continue;
            }
            try {
                if (g == null) {
                    g = Json.generator(buffer);
                }
                ResultJson.write(g, r);
                g.flush();
                store.put(r.index(), buffer.bytes(), 0, buffer.size());
            } catch (IOException e) {
                failure = e;
            } catch (RuntimeException e) {
                failure = new IOException("writing result " + r.index() + " as JSON failed: " + e, e);
            } finally {
                buffer.reset();
            }
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

    private interface Blocking {
        void run() throws InterruptedException;
    }

    /** Runs {@code step} to its end even through interrupts; an interrupt stays set for the caller. */
    private static void uninterruptibly(Blocking step) {
        boolean interrupted = false;
        while (true) {
            try {
                step.run();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        thread.interrupt();
        store.close();
    }
}
