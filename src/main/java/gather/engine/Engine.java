package gather.engine;

import gather.body.OutputDir;
import gather.body.Validators;
import gather.engine.check.Checks;
import gather.net.ConnectionPool;
import gather.net.Connector;
import gather.net.Resolver;
import gather.net.TlsSetup;
import gather.plan.FetchOptions;
import gather.plan.InputEntry;
import gather.plan.Target;
import gather.result.ErrorKind;
import gather.result.FetchException;
import gather.result.FetchResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Runs a batch: one virtual thread per connection slot (-j), each taking the next URL from the
 * source when done with the last; results go to the sink as each finishes, tagged with their
 * input index so reports can restore input order.
 *
 * <p>Workers start one per URL taken, up to -j, not all at once: a thousand starts queued at
 * once would sit in the scheduler's queue ahead of the first answers (measured with -j 1000 on
 * a 100 ms server: first bytes read 200-360 ms after the request), while a new worker queued as
 * each URL is taken lets answers and starts take turns; and a run of three URLs starts three
 * workers, not fifty.
 */
public final class Engine {
    /** Raw URL lines, in input order; called under the engine's lock; null at the end. */
    @FunctionalInterface
    public interface UrlSource {
        String next() throws IOException;

        /** The next URL with what its input line said about it (line, name, checks); null at the end. */
        default InputEntry nextEntry() throws IOException {
            String url = next();
            return url == null ? null : InputEntry.of(url);
        }
    }

    /** Receives each result once, from the worker that finished it (concurrently). */
    @FunctionalInterface
    public interface ResultSink {
        void accept(FetchResult result);
    }

    private static final long IDLE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final FetchOptions options;
    private final Cancellation cancellation = new Cancellation();
    private final ReentrantLock sourceLock = new ReentrantLock();
    private final List<Thread> workers = new ArrayList<>(); // guarded by sourceLock, like what follows
    private final Condition workersDone = sourceLock.newCondition();
    private int liveWorkers;
    private int maxWorkers;
    private Thread.Builder workerBuilder;
    /**
     * Starts a worker's thread. A seam for one test: starting a thread can fail mid-run (a
     * virtual thread needs heap), which a test cannot bring about on cue otherwise.
     */
    Consumer<Thread> workerStarter = Thread::start;
    private UrlSource source;
    private ResultSink sink;
    private final Fetcher fetcher;
    /** Every URL's checks, from the options. */
    private final Checks checks;
    private final HostGates gates;
    private final OutputDir outputDir;
    /** -C / -N: the output directory's validators, written back when the run ends; else null. */
    private final Validators sidecar;
    private final ConnectionPool pool;
    private final Watchdog watchdog = new Watchdog();
    /** Large body buffers the workers share and give back (see Scratch). */
    private final java.util.concurrent.ConcurrentLinkedQueue<byte[]> largeBuffers =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private long nextIndex;
    private boolean sourceDone;
    private volatile IOException inputError;
    private volatile IOException sidecarError;
    private long firstTakeNanos;

    public Engine(FetchOptions options, String userAgent) {
        this.options = options;
        Resolver resolver = new Resolver(options.resolve(), options.family());
        TlsSetup tls = new TlsSetup(options.insecure(), options.extraTrust(), options.transport().clientCertificate());
        Connector connector = new Connector(resolver, tls, options.connectTimeoutNanos(), options.transport());
        this.pool = new ConnectionPool(Math.max(1, options.parallel()), IDLE_TIMEOUT_NANOS);
        this.outputDir = options.saveTo() == null ? null : OutputDir.of(options.saveTo());
        this.gates = new HostGates(options.perHost(), options.rate(), options.rateTakesHost(),
                options.rateLimitHeaders(), options.retryMaxWaitNanos());
        this.sidecar = outputDir != null && (options.resume() || options.timestamping())
                ? Validators.load(outputDir.dir()) : null;
        this.fetcher = new Fetcher(options, connector, pool, outputDir, gates, userAgent, sidecar);
        this.checks = Checks.of(options.checks());
    }

    /** Fetches everything the source gives; returns when all are done or the run was cancelled. */
    public void run(UrlSource source, ResultSink sink) throws InterruptedException {
        sourceLock.lock();
        try {
            this.source = source;
            this.sink = sink;
            maxWorkers = Math.max(1, options.parallel());
            workerBuilder = Thread.ofVirtual().name("gather-", 0);
            startWorkerLocked();
            while (liveWorkers > 0) {
                workersDone.await();
            }
        } finally {
            sourceLock.unlock();
            pool.close();
            watchdog.close();
            saveSidecar();
        }
    }

    /**
     * Best effort: a sidecar that cannot be written costs the next run its conditional requests
     * (everything is fetched in full), never this run's results.
     */
    private void saveSidecar() {
        if (sidecar != null) {
            try {
                sidecar.save();
            } catch (IOException e) {
                sidecarError = e;
            }
        }
    }

    /** Why the output directory's validators could not be saved, or null. */
    public IOException sidecarError() {
        return sidecarError;
    }

    /** One more worker (the builder is not thread-safe: always under the lock). */
    private void startWorkerLocked() {
        Thread t = workerBuilder.unstarted(this::work);
        workers.add(t);
        liveWorkers++;
        try {
            workerStarter.accept(t);
        } catch (RuntimeException | Error e) {
            liveWorkers--; // no thread, so nobody to count it down
            workers.remove(workers.size() - 1);
            throw e;
        }
    }

    private void workerDone() {
        sourceLock.lock();
        try {
            if (--liveWorkers == 0) {
                workersDone.signalAll();
            }
        } finally {
            sourceLock.unlock();
        }
    }

    /** An error reading the input mid-run (the run stopped taking URLs there), or null. */
    public IOException inputError() {
        return inputError;
    }

    /** Ctrl-C: stop taking URLs, cut waits short, and interrupt what is in flight. */
    public void cancel() {
        cancellation.cancel();
        sourceLock.lock();
        try {
            sourceDone = true;
            for (Thread t : workers) {
                t.interrupt();
            }
        } finally {
            sourceLock.unlock();
        }
    }

    public boolean cancelled() {
        return cancellation.cancelled();
    }

    /** {@code takenNanos}: how long after the first URL this one was taken (it waited for a free connection). */
    private record Item(long index, InputEntry entry, Target target, FetchException invalid, String outputName,
                        long takenNanos) {
        String raw() {
            return entry.url();
        }
    }

    /** The next URL: read and numbered under the lock, parsed outside it (unless -o needs names in input order). */
    private Item take() {
        long index;
        InputEntry raw;
        long waited;
        sourceLock.lock();
        try {
            if (sourceDone) {
                return null;
            }
            try {
                raw = source.nextEntry();
            } catch (IOException e) {
                inputError = e;
                raw = null;
            }
            if (raw == null) {
                sourceDone = true;
                return null;
            }
            long taken = nextIndex++;
            index = raw.index() != null ? raw.index() : taken;
            if (workers.size() < maxWorkers) {
                try {
                    startWorkerLocked(); // for the next URL, if there is one
                } catch (RuntimeException | Error e) {
                    // no thread to be had (out of memory): the run goes on with the workers it has,
                    // and this URL, numbered already, is still fetched and reported
                    maxWorkers = workers.size();
                }
            }
            long now = System.nanoTime();
            if (taken == 0) {
                firstTakeNanos = now;
            }
            waited = now - firstTakeNanos;
            if (outputDir != null) {
                return parse(index, raw, waited);
            }
        } finally {
            sourceLock.unlock();
        }
        return parse(index, raw, waited);
    }

    private Item parse(long index, InputEntry raw, long waited) {
        try {
            Target t = Target.parse(raw.url());
            String name = outputDir == null ? null : outputDir.claim(t.host(), t.pathAndQuery());
            return new Item(index, raw, t, null, name, waited);
        } catch (FetchException e) {
            return new Item(index, raw, null, e, null, waited);
        }
    }

    private void work() {
        try {
            workLoop();
        } finally {
            workerDone();
        }
    }

    private void workLoop() {
        Scratch scratch = new Scratch(watchdog.watch(), largeBuffers);
        // The loop stays one call: a worker enters it once, so its own body runs in the
        // interpreter for the whole run; workOne, called per URL, is compiled.
        while (workOne(scratch)) {
            // next URL
        }
    }

    /** Takes the next URL, fetches it and hands its result over: false when there is none (or the run is cancelled). */
    private boolean workOne(Scratch scratch) {
        if (cancellation.cancelled()) {
            return false;
        }
        Item item = take();
        if (item == null) {
            return false;
        }
        FetchResult.Builder r;
        if (item.invalid != null) {
            r = FetchResult.builder(item.index, redact(item.raw())).startNanos(item.takenNanos).fail(item.invalid);
        } else {
            r = FetchResult.builder(item.index, item.target.toString());
            if (options.transcripts()) {
                r.recordTranscript();
            }
            fetchGated(item, r, scratch);
        }
        r.input(item.entry.line(), item.entry.name());
        Thread.interrupted(); // a cancel's interrupt must not leak into the sink's I/O
        sink.accept(r.build());
        return true;
    }

    private void fetchGated(Item item, FetchResult.Builder r, Scratch scratch) {
        Runnable release;
        long gateStart = System.nanoTime();
        try {
            release = gates.acquire(item.target.hostPort(), cancellation);
        } catch (InterruptedException e) {
            release = null;
        }
        long began = System.nanoTime();
        // the run's clock starts at the first take (firstTakeNanos, set under the lock before this item was taken)
        r.queueNanos(item.takenNanos + (began - gateStart)).startNanos(began - firstTakeNanos);
        if (release == null) {
            r.fail(ErrorKind.CANCELLED, "cancelled before it started");
            return;
        }
        try {
            Checks mine = item.entry.checks() == null ? checks : Checks.of(item.entry.checks()); // its line's
            fetcher.fetch(item.target, mine, item.outputName, r, scratch, cancellation);
        } catch (RuntimeException e) {
            // a bug must cost one URL, not the run
            r.fail(ErrorKind.PROTOCOL, "internal error: " + e);
        } finally {
            release.run();
        }
    }

    /** An unparseable URL as given, with anything that looks like user info hidden. */
    static String redact(String raw) {
        StringBuilder sb = new StringBuilder();
        String s = raw.strip().replaceAll("(?<=//)[^/@]*@", "***@");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? String.format("%%%02X", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }
}
