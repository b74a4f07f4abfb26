package gather.compare;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A diff for a person: one line of counts, the verdict, then a section per non-empty category. */
public final class DiffText {
    private DiffText() { }

    /** @param title what is compared, e.g. "gather diff: a.json -> b.json" */
    public static void write(PrintWriter w, String title, Diff d) {
        StringBuilder sb = new StringBuilder();
        sb.append(title).append(": ").append(d.matched()).append(" matched, ")
                .append(d.added().size()).append(" added, ").append(d.removed().size()).append(" removed\n");
        List<String> worse = new ArrayList<>();
        count(worse, d.newFailures().size(), "new failure", "new failures");
        count(worse, d.addedFailures().size(), "added URL failed", "added URLs failed");
        count(worse, d.statusChanges().size(), "status change", "status changes");
        count(worse, d.latencyRegressions().size(), "latency regression", "latency regressions");
        List<String> other = new ArrayList<>();
        count(other, d.recoveries().size(), "recovery", "recoveries");
        count(other, d.stillFailing().size(), "still failing", "still failing");
        count(other, d.bodyChanges().size(), "body change", "body changes");
        sb.append(d.regressed() ? "REGRESSED: " + String.join(", ", worse) : "no regression");
        if (!other.isEmpty()) {
            sb.append(d.regressed() ? "; also " : ": ").append(String.join(", ", other));
        }
        sb.append('\n');
        section(sb, "new failures", d.newFailures(), p -> p.old().outcome() + " -> " + p.now().outcome());
        section(sb, "recoveries", d.recoveries(), p -> p.old().outcome() + " -> " + p.now().outcome());
        section(sb, "still failing", d.stillFailing(), p -> p.old().outcome() + " -> " + p.now().outcome());
        section(sb, "status changes", d.statusChanges(), p -> p.old().status() + " -> " + p.now().status());
        section(sb, "body changes", d.bodyChanges(),
                p -> "sha256 " + shortHash(p.old().sha256()) + " -> " + shortHash(p.now().sha256()));
        section(sb, "latency regressions (beyond " + d.threshold().describe() + ")", d.latencyRegressions(),
                DiffText::latency);
        section(sb, "added", d.added().stream().map(r -> new Diff.Pair(null, r)).toList(), p -> p.now().outcome());
        section(sb, "removed", d.removed().stream().map(r -> new Diff.Pair(r, null)).toList(), p -> p.old().outcome());
        w.print(sb);
        w.flush();
    }

    private static void count(List<String> parts, int n, String one, String many) {
        if (n > 0) {
            parts.add(n + " " + (n == 1 ? one : many));
        }
    }

    private static void section(StringBuilder sb, String heading, List<Diff.Pair> pairs, Function<Diff.Pair, String> what) {
        if (pairs.isEmpty()) {
            return;
        }
        sb.append(heading).append(" (").append(pairs.size()).append("):\n");
        for (Diff.Pair p : pairs) {
            RunResult r = p.now() != null ? p.now() : p.old();
            sb.append("  ").append(r.url());
            if (r.name() != null || r.line() != null) {
                sb.append(" (").append(r.name() != null ? r.name() : "")
                        .append(r.name() != null && r.line() != null ? ", " : "")
                        .append(r.line() != null ? "line " + r.line() : "").append(')');
            }
            sb.append("  ").append(what.apply(p)).append('\n');
        }
    }

    private static String latency(Diff.Pair p) {
        double o = p.old().totalMs();
        double n = p.now().totalMs();
        return ms(o) + " -> " + ms(n) + " (+" + ms(n - o) + (o > 0 ? ", +" + Math.round((n - o) / o * 100) + "%" : "") + ")";
    }

    private static String ms(double v) {
        return Math.round(v * 10) / 10.0 + " ms";
    }

    private static String shortHash(String h) {
        return h.length() > 12 ? h.substring(0, 12) : h;
    }
}
