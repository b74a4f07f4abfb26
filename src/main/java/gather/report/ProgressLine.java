package gather.report;

import gather.result.FetchResult;
import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The run's progress for a person: done/total (total when the input's size is known), ok and
 * failed, bytes, rate and time left. On a terminal ({@code live}) one status line redrawn in
 * place at most {@link #REDRAW_NANOS} apart and cleared before other lines are written; in a log
 * (not a terminal) a plain line every {@link #LOG_NANOS}, with no control character. Used by
 * {@link HumanLines} under the fan-out's lock: not thread-safe on its own.
 */
public final class ProgressLine {
    static final long REDRAW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    static final long LOG_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** Erase the terminal's current line: carriage return, then ECMA-48 "erase in line" (to its end). */
    private static final String CLEAR = "\r\u001b[K";

    private final PrintWriter err;
    private final boolean live;
    private final long total;
    private final LongSupplier clock;
    private final long start;
    private long done;
    private long ok;
    private long bytes;
    private long lastDraw;
    private boolean shown;

    /**
     * @param err   where the progress goes (stderr)
     * @param live  stderr is a terminal: a status line redrawn in place; else a plain line now and then
     * @param total how many URLs the input holds, or -1 when unknown (stdin)
     */
    public ProgressLine(PrintWriter err, boolean live, long total) {
        this(err, live, total, System::nanoTime);
    }

    ProgressLine(PrintWriter err, boolean live, long total, LongSupplier clock) {
        this.err = err;
        this.live = live;
        this.total = total;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lastDraw = start;
    }

    void count(FetchResult r) {
        done++;
        ok += r.ok() ? 1 : 0;
        bytes += r.bytes();
    }

    /** Time to redraw (or, in a log, to print a line). */
    boolean due() {
        return clock.getAsLong() - lastDraw >= (live ? REDRAW_NANOS : LOG_NANOS);
    }

    /** Takes the status line off the terminal, so that other lines start on a clean line. */
    void clear() {
        if (shown) {
            err.print(CLEAR);
            err.flush();
            shown = false;
        }
    }

    /** The status line drawn again (live), or a plain line when one is due (log). */
    void draw() {
        long now = clock.getAsLong();
        if (live) {
            err.print(text(now));
            err.flush();
            shown = true;
            lastDraw = now;
        } else if (now - lastDraw >= LOG_NANOS) {
            err.print("progress: " + text(now) + "\n");
            err.flush();
            lastDraw = now;
        }
    }

    /** "1200/2000 done, 1180 ok, 20 failed, 1.4 MiB, 152.3 URLs/s, 5 s left". */
    String text(long now) {
        StringBuilder sb = new StringBuilder(96);
        sb.append(done);
        if (total >= 0) {
            sb.append('/').append(total);
        }
        sb.append(" done, ").append(ok).append(" ok, ").append(done - ok).append(" failed, ")
                .append(HumanLines.size(bytes)).append(", ");
        double seconds = (now - start) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        HumanLines.fixed(sb, rate, 1).append(" URLs/s");
        if (total >= 0 && rate > 0 && done < total) {
            long left = (long) Math.ceil((total - done) / rate);
            sb.append(", ").append(left < 120 ? left + " s" : (left + 59) / 60 + " min").append(" left");
        }
        return sb.toString();
    }
}
