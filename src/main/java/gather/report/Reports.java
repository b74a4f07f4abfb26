package gather.report;

import gather.result.FetchResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The fan-out: feeds every result to several {@link Report}s at once and ends the run for all of
 * them. Workers call {@link #onResult} concurrently; one lock serializes the reports, so each
 * writes its line whole and lines never interleave. The totals are added here, once, and every
 * result is kept (in bounded memory, {@link ResultStore}) when a report needs them at the end, as
 * values or as their JSON objects, made once, as the run goes ({@link JsonRenderer}).
 * Output is flushed at most {@link #FLUSH_NANOS} after it was written: a flush per line would
 * cost a system call per URL, and a virtual thread flushes what a quiet stretch leaves behind.
 */
public final class Reports implements AutoCloseable {
    /** The JSON summary's schema version (CONTRACT.md): readers refuse a newer one. */
    public static final int SCHEMA = SummaryJson.SCHEMA;
    static final long SPILL_BYTES = 8L * 1024 * 1024;
    static final long FLUSH_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final String version;
    private RunSummary.Shard shard; // null: not sharded
    private final List<Report> reports;
    private final ReentrantLock lock = new ReentrantLock();
    private final Totals totals = new Totals();   // guarded by lock
    private final ResultStore<FetchResult> store; // guarded by lock; null when no report needs results
    private final JsonRenderer json;              // null when no report needs the results' JSON
    private IOException storeFailure;             // guarded by lock; the results could not be kept (the spill file)
    private final Instant started;
    private final long startNanos;
    private boolean dirty;                        // guarded by lock
    private long lastFlush;                       // guarded by lock
    private final Thread flusher;

    public Reports(String version, List<Report> reports) {
        this(version, reports, SPILL_BYTES);
    }

    Reports(String version, List<Report> reports, long spillBytes) {
        this(version, reports, spillBytes, null);
    }

    /** @param spillDir where results past {@code spillBytes} go (null: the JVM's temporary folder) */
    Reports(String version, List<Report> reports, long spillBytes, Path spillDir) {
        this.version = version;
        this.reports = List.copyOf(reports);
        this.store = this.reports.stream().anyMatch(Report::needsResults)
                ? ResultStore.ofResults(spillBytes, spillDir) : null;
        this.json = this.reports.stream().anyMatch(Report::needsResultJson)
                ? new JsonRenderer(ResultStore.ofBytes(spillBytes, spillDir)) : null;
        this.started = Instant.now();
        this.startNanos = System.nanoTime();
        this.lastFlush = startNanos;
        this.flusher = Thread.ofVirtual().name("gather-flusher").start(this::flushLoop);
    }

    /**
     * Loads and links the JSON writing (Jackson's generator, the result and summary writers) by
     * writing a result and a summary to nowhere: start-up work for a second core while the
     * command line is parsed. Nothing observable happens.
     */
    public static void warmUp() throws IOException {
        FetchResult r = FetchResult.builder(0, "http://warm.invalid/").build();
        Totals totals = new Totals();
        totals.add(r);
        try (var g = Json.generator(java.io.OutputStream.nullOutputStream())) {
            ResultJson.write(g, r);
            SummaryJson.writeObject(g, new RunSummary("", Instant.EPOCH, 1, totals, List.of()));
        }
    }

    /** This run is one shard of a batch (--shard K/N): the summary says which. */
    public Reports shard(RunSummary.Shard shard) {
        this.shard = shard;
        return this;
    }

    /** One finished URL, from any thread. */
    public void onResult(FetchResult r) {
        byte[] encoded = store == null ? null : ResultCodec.encode(r);
        if (json != null) {
            json.submit(r);
        }
        lock.lock();
        try {
            totals.add(r);
            if (store != null && storeFailure == null) {
                try {
                    store.put(r.index(), encoded);
                } catch (IOException e) { // the run goes on; the reports that need every result say why at the end
                    storeFailure = new IOException("the results could not be kept for the reports that list every URL"
                            + " (a temporary file in " + store.spillPlace() + "): " + FileProblem.why(e), e);
                }
            }
            for (Report report : reports) {
                report.onResult(r);
            }
            dirty = true;
            long now = System.nanoTime();
            if (now - lastFlush >= FLUSH_NANOS) {
                flushLocked(now);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }

    /** The totals so far (read them after the last result). */
    public Totals totals() {
        lock.lock();
        try {
            return totals;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the run: every report's {@link Report#finish}, in the order given. A report that
     * fails does not keep the later ones from finishing; the first failure is thrown at the end.
     */
    public RunSummary finish() throws IOException {
        return finish(false, null);
    }

    /** Like {@link #finish()}, for a run cut short by Ctrl-C: {@code notStarted} URLs never started (null: unknown). */
    public RunSummary finish(boolean interrupted, Long notStarted) throws IOException {
        flusher.interrupt();
        lock.lock();
        try {
            flushLocked(System.nanoTime());
            RunSummary run = new RunSummary(version, started, System.nanoTime() - startNanos, totals,
                    store == null ? List.of() : store.inOrder(), json == null ? List.of() : json.finish(),
                    interrupted, notStarted, shard);
            IOException failure = null;
            for (Report report : reports) {
                if (storeFailure != null && report.needsResults()) { // not written at all rather than written in part
                    failure = failure == null ? storeFailure : failure;
                    continue;
                }
                try {
                    report.finish(run);
                } catch (IOException e) {
                    failure = failure == null ? e : failure;
                } catch (UncheckedIOException e) {
                    failure = failure == null ? e.getCause() : failure;
                }
            }
            flushLocked(System.nanoTime());
            if (failure != null) {
                throw failure;
            }
            return run;
        } finally {
            lock.unlock();
        }
    }

    /** Flushes lines that have waited FLUSH_NANOS, so a quiet stretch never holds them back. */
    private void flushLoop() {
        while (true) {
            try {
                Thread.sleep(Duration.ofNanos(FLUSH_NANOS));
            } catch (InterruptedException e) {
                return;
            }
            lock.lock();
            try {
                if (dirty) {
                    flushLocked(System.nanoTime());
                }
            } catch (IOException e) {
                return; // the next write or the end of the run reports it
            } finally {
                lock.unlock();
            }
        }
    }

    private void flushLocked(long now) throws IOException {
        for (Report report : reports) {
            report.flush();
        }
        dirty = false;
        lastFlush = now;
    }

    @Override
    public void close() throws IOException {
        flusher.interrupt();
        lock.lock();
        try {
            flushLocked(System.nanoTime());
        } finally {
            lock.unlock();
            try (ResultStore<?> a = store; JsonRenderer b = json) {
                // both closed, the second even when the first fails
            }
        }
    }
}
