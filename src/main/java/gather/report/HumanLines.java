package gather.report;

import gather.result.ErrorKind;
import gather.result.FetchResult;
import java.io.PrintWriter;
import java.util.Map;

/** A line for a person per URL as it finishes, and one summary line at the end. */
public final class HumanLines implements Report {
    private final PrintWriter out;

    public HumanLines(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void onResult(FetchResult r) {
        out.println(line(r));
    }

    @Override
    public void finish(RunSummary run) {
        out.println(summaryLine(run));
        out.flush();
    }

    @Override
    public void flush() {
        out.flush();
    }

    /** Status, ok/FAIL, size, time, URL; on failure the kind and message. */
    static String line(FetchResult r) {
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

    static String summaryLine(RunSummary run) {
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
        // not String.format: its first use on a cold JVM (Formatter, locale data) costs ~10 ms of a one-URL run
        sb.append("; ").append(size(totals.bytes())).append(" in ");
        fixed(sb, run.wallNanos() / 1e6, 1).append(" ms; ");
        fixed(sb, run.requestsPerSecond(), 1).append(" URLs/s; sum of per-URL times ");
        fixed(sb, run.speedup(), 2).append("x the wall time");
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
