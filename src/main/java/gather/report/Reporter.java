package gather.report;

import gather.result.ErrorKind;
import gather.result.FetchResult;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The only place results become output: human lines as each URL finishes, JSONL lines, and at
 * the end the human summary and the JSON summary document. Called concurrently by workers; each
 * line is written whole under one lock, so lines never interleave.
 */
public final class Reporter implements AutoCloseable {
    public enum Mode { HUMAN, JSON, JSONL }

    /** The summary file could not be written (everything else was). */
    public static final class SummaryFileException extends IOException {
        private static final long serialVersionUID = 1L;

        SummaryFileException(String message) {
            super(message);
        }
    }

    public static final int SCHEMA = 1;
    /** What follows the last result of the JSON document. */
    private static final byte[] DOCUMENT_END = "\n]}\n".getBytes(StandardCharsets.US_ASCII);
    private static final DateTimeFormatter STARTED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    static final long SPILL_BYTES = 8L * 1024 * 1024;
    /** Lines are flushed at most this long after they were written (one write per line costs a system call). */
    static final long FLUSH_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(100);

    private final Mode mode;
    private final boolean quiet;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Path summaryFile;
    private final String version;
    private final ReentrantLock lock = new ReentrantLock();
    private final Totals totals = new Totals();
    private final ResultStore store;
    /** --jsonl: stdout as bytes (see {@link #bytesOf}); null in the other modes. */
    private final OutputStream jsonl;
    private final Instant started;
    private final long startNanos;
    private boolean dirty;           // guarded by lock
    private long lastFlush;          // guarded by lock
    private final Thread flusher;
    /** -v's transcripts and -I's heads, written just before each URL's line. */
    private final ExchangeText exchanges;

    public Reporter(Mode mode, boolean quiet, PrintWriter out, PrintWriter err, Path summaryFile, String version) {
        this(mode, quiet, out, err, summaryFile, version, ExchangeText.OFF);
    }

    public Reporter(Mode mode, boolean quiet, PrintWriter out, PrintWriter err, Path summaryFile, String version,
                    ExchangeText exchanges) {
        this.exchanges = exchanges;
        this.mode = mode;
        this.quiet = quiet;
        this.out = out;
        this.err = err;
        this.summaryFile = summaryFile;
        this.version = version;
        this.store = mode != Mode.JSONL || summaryFile != null ? new ResultStore(SPILL_BYTES) : null;
        this.jsonl = mode == Mode.JSONL ? bytesOf(out) : null; // nothing else writes to stdout then
        this.started = Instant.now();
        this.startNanos = System.nanoTime();
        this.lastFlush = startNanos;
        this.flusher = Thread.ofVirtual().name("gather-flusher").start(this::flushLoop);
    }

    /** Flushes lines that have waited FLUSH_NANOS, so a quiet stretch never holds them back. */
    private void flushLoop() {
        while (true) {
            try {
                Thread.sleep(java.time.Duration.ofNanos(FLUSH_NANOS));
            } catch (InterruptedException e) {
                return;
            }
            lock.lock();
            try {
                if (dirty) {
                    flushLocked(System.nanoTime());
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private void flushLocked(long now) {
        if (jsonl != null) {
            try {
                jsonl.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        out.flush();
        err.flush();
        dirty = false;
        lastFlush = now;
    }

    private PrintWriter human() {
        return mode == Mode.HUMAN ? out : err;
    }

    /** One finished URL. */
    public void accept(FetchResult r) {
        byte[] json = ResultJson.bytes(r);
        String line = quiet ? null : humanLine(r);
        ExchangeText.Text exchange = exchanges.text(r);
        lock.lock();
        try {
            exchanges.write(exchange);
            totals.add(r);
            if (store != null) {
                store.put(r.index(), json);
            }
            if (jsonl != null) {
                jsonl.write(json);
                jsonl.write('\n');
                dirty = true;
            }
            if (line != null) {
                human().println(line);
                dirty = true;
            }
            dirty |= exchange != null;
            long now = System.nanoTime();
            if (dirty && (now - lastFlush >= FLUSH_NANOS || exchange != null && exchange.transcript() != null)) {
                flushLocked(now);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }

    public Totals totals() {
        return totals;
    }

    /** Writes the human summary, the JSON document (or the JSONL summary line) and the summary file. */
    public void finish() throws IOException {
        flusher.interrupt();
        lock.lock();
        try {
            flushLocked(System.nanoTime());
            long wall = System.nanoTime() - startNanos;
            if (!quiet) {
                human().println(humanSummary(wall));
                human().flush();
            }
            if (jsonl != null) {
                jsonl.write(summaryJson(wall, false));
                jsonl.write('\n');
                jsonl.flush();
                out.flush();
            } else {
                OutputStream o = bytesOf(out);
                writeDocument(o, wall);
                o.flush();
                out.flush();
            }
            if (summaryFile != null) {
                try (OutputStream f = new BufferedOutputStream(Files.newOutputStream(summaryFile), 1 << 16)) {
                    writeDocument(f, wall);
                } catch (IOException e) {
                    String why = e instanceof java.nio.file.NoSuchFileException ? "no such file or directory"
                            : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                            : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    throw new SummaryFileException("cannot write --summary-file " + summaryFile + ": " + why);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** The JSON document: the summary with its "results" array holding the stored results in input order. */
    private void writeDocument(OutputStream o, long wall) throws IOException {
        byte[] head = summaryJson(wall, true);
        // head ends with "\"results\":[]}": open the array and stream the stored results in order
        o.write(head, 0, head.length - 2);
        o.write('\n');
        if (store != null) {
            store.writeInOrder(o);
        }
        o.write(DOCUMENT_END);
    }

    /**
     * {@code w} as a stream for JSON that is UTF-8 bytes already, after what {@code w} holds:
     * under a {@link Utf8PrintWriter} the bytes themselves (buffered; flush it), else decoded
     * into {@code w}.
     */
    private static OutputStream bytesOf(PrintWriter w) {
        return w instanceof Utf8PrintWriter u
                ? new BufferedOutputStream(u.bytesAfterCharacters(), 1 << 16)
                : new CharacterBridge(w);
    }

    /**
     * Bytes to a plain PrintWriter (one that is not a {@link Utf8PrintWriter}), decoded as
     * UTF-8. Every write here holds whole characters: a whole result, a line's end, or a piece
     * of the document's ASCII frame.
     */
    private static final class CharacterBridge extends OutputStream {
        private final PrintWriter w;

        CharacterBridge(PrintWriter w) {
            this.w = w;
        }

        @Override
        public void write(int b) {
            w.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            w.write(new String(b, off, len, StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {
            w.flush();
        }
    }

    private byte[] summaryJson(long wall, boolean withResults) {
        JsonOut j = new JsonOut();
        j.begin();
        j.field("schema", SCHEMA);
        j.field("tool", "gather");
        j.field("version", version);
        j.field("started", STARTED.format(started));
        j.millis("wall_ms", wall);
        totals.write(j, wall);
        if (withResults) {
            j.beginArray("results").endArray();
        }
        j.end();
        return j.toByteArray();
    }

    static String humanLine(FetchResult r) {
        StringBuilder sb = new StringBuilder(128);
        sb.append(r.status() == null ? "---" : String.valueOf(r.status())).append(r.ok() ? " ok   " : " FAIL ");
        pad(sb, size(r.bytes()), 9);
        sb.append(' ');
        long tenths = Math.round(r.timing().totalNanos() / 1e5);
        pad(sb, (tenths / 10) + "." + (tenths % 10) + " ms", 9);
        sb.append("  ").append(r.url());
        if (!r.ok()) {
            sb.append("  ").append(r.error().kind().wireName()).append(": ").append(r.error().message());
        }
        return sb.toString();
    }

    private static void pad(StringBuilder sb, String s, int width) {
        for (int i = s.length(); i < width; i++) {
            sb.append(' ');
        }
        sb.append(s);
    }

    String humanSummary(long wall) {
        StringBuilder sb = new StringBuilder();
        sb.append(totals.urls()).append(totals.urls() == 1 ? " URL: " : " URLs: ")
                .append(totals.ok()).append(" ok, ").append(totals.failed()).append(" failed");
        if (!totals.errors().isEmpty()) {
            sb.append(" (");
            boolean first = true;
            for (Map.Entry<ErrorKind, Long> e : totals.errors().entrySet()) {
                sb.append(first ? "" : ", ").append(e.getKey().wireName()).append(' ').append(e.getValue());
                first = false;
            }
            sb.append(')');
        }
        double wallMs = wall / 1e6;
        double speedup = wall > 0 ? (double) totals.sumTotalNanos() / wall : 0;
        // not String.format: its first use on a cold JVM (Formatter, locale data) costs ~10 ms of a one-URL run
        sb.append("; ").append(size(totals.bytes())).append(" in ");
        fixed(sb, wallMs, 1).append(" ms; ");
        fixed(sb, wall > 0 ? totals.urls() / (wall / 1e9) : 0.0, 1).append(" URLs/s; sum of per-URL times ");
        fixed(sb, speedup, 2).append("x the wall time");
        return sb.toString();
    }

    /** {@code v} (finite, not negative) rounded half up to {@code decimals} (1 or 2) places, as %.Nf would print it. */
    static StringBuilder fixed(StringBuilder sb, double v, int decimals) {
        return sb.append(JsonBytes.decimalString(Math.round(v * (decimals == 1 ? 10 : 100)), decimals));
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {" KiB", " MiB", " GiB", " TiB"};
        double v = bytes / 1024.0;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        long tenths = Math.round(v * 10);
        return (tenths / 10) + "." + (tenths % 10) + units[u];
    }

    @Override
    public void close() throws IOException {
        flusher.interrupt();
        lock.lock();
        try {
            flushLocked(System.nanoTime());
        } finally {
            lock.unlock();
        }
        if (store != null) {
            store.close();
        }
    }
}
