package gather.report;

import gather.result.ErrorKind;
import gather.result.FetchResult;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Help.Ansi.Style;

/**
 * Output for a person: one aligned line per URL as it finishes (status, ok/FAIL, size, time, URL;
 * on failure the kind and the message), coloured on a terminal, and a short closing summary.
 * With a {@link ProgressLine} it also keeps a live status line under those lines (or, in a log,
 * a plain progress line now and then): the status line is cleared before buffered lines go out
 * and drawn again after, so a URL's line is never torn by it.
 */
public final class HumanLines implements Report {
    private final PrintWriter out;
    private final boolean colour;
    private ProgressLine progress; // null once the run has finished: the status line is gone for good

    public HumanLines(PrintWriter out) {
        this(out, false, null);
    }

    /**
     * @param colour   colour the verdicts (picocli's ANSI styles): only when {@code out} is a terminal
     * @param progress the status line, or null for none
     */
    public HumanLines(PrintWriter out, boolean colour, ProgressLine progress) {
        this.out = out;
        this.colour = colour;
        this.progress = progress;
    }

    @Override
    public void onResult(FetchResult r) {
        out.println(line(r, colour));
        if (progress != null) {
            progress.count(r);
            if (progress.due()) {
                flush();
            }
        }
    }

    @Override
    public void finish(RunSummary run) {
        if (progress != null) {
            progress.clear();
            progress = null;
        }
        out.print(summary(run));
        out.flush();
    }

    @Override
    public void flush() {
        if (progress == null) {
            out.flush();
            return;
        }
        progress.clear();
        out.flush();
        progress.draw();
    }

    /** Status, ok/FAIL, size, time, URL; on failure the kind and message (no colour). */
    static String line(FetchResult r) {
        return line(r, false);
    }

    static String line(FetchResult r, boolean colour) {
        StringBuilder sb = new StringBuilder(128);
        sb.append(r.status() == null ? "---" : String.valueOf(r.status())).append(' ');
        if (r.ok()) {
            styled(sb, colour, r.redirects() > 0 ? Style.fg_cyan : Style.fg_green, "ok  ");
        } else if (r.allowed()) {
            styled(sb, colour, Style.fg_yellow, "WARN");
        } else {
            styled(sb, colour, Style.fg_red, "FAIL");
        }
        sb.append(' ');
        pad(sb, size(r.bytes()), 9);
        sb.append(' ');
        pad(sb, duration(r.timing().totalNanos()), 9);
        sb.append("  ").append(printable(r.url()));
        if (r.ok() && r.redirects() > 0 && r.finalUrl() != null) {
            sb.append(" -> ").append(printable(r.finalUrl()));
        }
        if (r.retriedOk()) {
            sb.append("  (flaky: ok after ").append(r.attempts()).append(" attempts)");
        }
        if (!r.ok()) {
            sb.append("  ");
            styled(sb, colour, r.allowed() ? Style.fg_yellow : Style.fg_red, r.error().kind().wireName());
            sb.append(": ").append(printable(r.error().message()));
        }
        return sb.toString();
    }

    private static void styled(StringBuilder sb, boolean colour, Style style, String text) {
        if (colour) {
            sb.append(style.on()).append(text).append(style.off());
        } else {
            sb.append(text);
        }
    }

    /** A text from outside (a URL, a server's words) with any control character shown as '?'. */
    static String printable(String s) {
        if (s == null) {
            return "";
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0) {
                StringBuilder sb = new StringBuilder(s.length());
                for (int j = 0; j < s.length(); j++) {
                    char d = s.charAt(j);
                    sb.append(d < 0x20 || d == 0x7f || d >= 0x80 && d < 0xa0 ? '?' : d);
                }
                return sb.toString();
            }
        }
        return s;
    }

    private static void pad(StringBuilder sb, String s, int width) {
        for (int i = s.length(); i < width; i++) {
            sb.append(' ');
        }
        sb.append(s);
    }

    /** "12.3 ms" below a second, else "1.23 s" (and "123.4 s" past 100 s). */
    static String duration(long nanos) {
        if (nanos < 999_950_000L) {
            long tenths = Math.round(nanos / 1e5);
            return (tenths / 10) + "." + (tenths % 10) + " ms";
        }
        double seconds = nanos / 1e9;
        return fixed(new StringBuilder(), seconds, seconds < 100 ? 2 : 1).append(" s").toString();
    }

    /**
     * The closing summary, a few lines: counts (and by error kind), latency percentiles, bytes
     * and throughput, and what concurrency bought, worded as URLs in flight on average so nobody
     * reads it as a wall-clock ratio; first, after Ctrl-C, that the run was interrupted.
     */
    static String summary(RunSummary run) {
        Totals totals = run.totals();
        StringBuilder sb = new StringBuilder(256);
        if (run.interrupted()) {
            sb.append("interrupted (Ctrl-C): ");
            if (run.notStarted() == null) {
                sb.append("the rest of the input was not read");
            } else {
                sb.append(run.notStarted()).append(run.notStarted() == 1 ? " URL" : " URLs").append(" never started");
            }
            sb.append('\n');
        }
        sb.append(summaryLine(run)).append('\n');
        if (totals.urls() > 0) {
            Totals.Latency l = totals.latency();
            sb.append("latency: p50 ").append(duration(l.p50())).append(", p90 ").append(duration(l.p90()))
                    .append(", p99 ").append(duration(l.p99())).append(", max ").append(duration(l.max())).append('\n');
        }
        return sb.toString();
    }

    /** The first summary line: counts, bytes, wall time, rate, and the concurrency. */
    public static String summaryLine(RunSummary run) {
        Totals totals = run.totals();
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
        if (totals.retriedOk() > 0) {
            sb.append(", ").append(totals.retriedOk()).append(" flaky (ok only after a retry)");
        }
        if (totals.allowed() > 0) {
            sb.append(", ").append(totals.allowed()).append(" allowed by --allow-error");
        }
        // not String.format: its first use on a cold JVM (Formatter, locale data) costs ~10 ms of a one-URL run
        sb.append("; ").append(size(totals.bytes())).append(" in ");
        sb.append(duration(run.wallNanos())).append("; ");
        fixed(sb, run.requestsPerSecond(), 1).append(" URLs/s; on average ");
        fixed(sb, run.speedup(), 1).append(" URLs in flight (sum of per-URL times / wall time)");
        return sb.toString();
    }

    /** {@code v} (finite, not negative) rounded half up to {@code decimals} (1 or 2) places, as %.Nf would print it. */
    static StringBuilder fixed(StringBuilder sb, double v, int decimals) {
        return sb.append(Json.decimal(Math.round(v * (decimals == 1 ? 10 : 100)), decimals));
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
}
