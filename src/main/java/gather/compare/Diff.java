package gather.compare;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a run (NEW) differs from an earlier one (OLD), result by result.
 *
 * <p>Results are matched by URL; when one URL appears several times in a run, its first
 * occurrence in OLD matches its first in NEW, the second the second, and so on (input order), so
 * a list that repeats a URL compares like with like as long as its order is kept. A result left
 * without a partner is {@code added} (only in NEW) or {@code removed} (only in OLD).
 *
 * <p>Each matched pair falls into one of: new failure (ok, then failed), recovery (failed, then
 * ok), still failing, or ok in both; a pair ok in both may also be a status change (the final
 * status differs), a body change (both SHA-256 known and different) and a latency regression
 * (see {@link LatencyThreshold}). Lists keep NEW's input order (removed: OLD's).
 *
 * <p>{@link #regressed()}: a new failure, an added URL that failed (a failure OLD did not have),
 * a status change, or a latency regression. A body change alone is not (pages change; the report
 * shows it), nor is a removed URL.
 */
public record Diff(String oldSource, String newSource, LatencyThreshold threshold, int matched,
                   List<Pair> newFailures, List<Pair> recoveries, List<Pair> stillFailing, List<Pair> statusChanges,
                   List<Pair> bodyChanges, List<Pair> latencyRegressions, List<RunResult> added,
                   List<RunResult> removed) {

    /** One result in OLD and its partner in NEW. */
    public record Pair(RunResult old, RunResult now) { }

    public Diff {
        newFailures = List.copyOf(newFailures);
        recoveries = List.copyOf(recoveries);
        stillFailing = List.copyOf(stillFailing);
        statusChanges = List.copyOf(statusChanges);
        bodyChanges = List.copyOf(bodyChanges);
        latencyRegressions = List.copyOf(latencyRegressions);
        added = List.copyOf(added);
        removed = List.copyOf(removed);
    }

    public static Diff compare(RunDocument old, RunDocument now, LatencyThreshold threshold) {
        Map<String, ArrayDeque<RunResult>> unmatched = new HashMap<>();
        for (RunResult r : old.results()) {
            unmatched.computeIfAbsent(r.url(), u -> new ArrayDeque<>()).add(r);
        }
        List<Pair> newFailures = new ArrayList<>();
        List<Pair> recoveries = new ArrayList<>();
        List<Pair> stillFailing = new ArrayList<>();
        List<Pair> statusChanges = new ArrayList<>();
        List<Pair> bodyChanges = new ArrayList<>();
        List<Pair> latency = new ArrayList<>();
        List<RunResult> added = new ArrayList<>();
        int matched = 0;
        for (RunResult n : now.results()) {
            ArrayDeque<RunResult> candidates = unmatched.get(n.url());
            RunResult o = candidates == null ? null : candidates.poll();
            if (o == null) {
                added.add(n);
                continue;
            }
            matched++;
            Pair pair = new Pair(o, n);
            if (o.ok() && !n.ok()) {
                newFailures.add(pair);
            } else if (!o.ok() && n.ok()) {
                recoveries.add(pair);
            } else if (!o.ok()) {
                stillFailing.add(pair);
            } else {
                if (o.status() != null && n.status() != null && !o.status().equals(n.status())) {
                    statusChanges.add(pair);
                }
                if (o.sha256() != null && n.sha256() != null && !o.sha256().equals(n.sha256())) {
                    bodyChanges.add(pair);
                }
                if (o.totalMs() != null && n.totalMs() != null && threshold.exceeded(o.totalMs(), n.totalMs())) {
                    latency.add(pair);
                }
            }
        }
        Set<RunResult> left = Collections.newSetFromMap(new IdentityHashMap<>()); // records equal by value: by identity here
        unmatched.values().forEach(left::addAll);
        List<RunResult> removed = old.results().stream().filter(left::contains).toList();
        return new Diff(old.source(), now.source(), threshold, matched, newFailures, recoveries, stillFailing,
                statusChanges, bodyChanges, latency, added, removed);
    }

    /** Added URLs that failed: failures OLD did not have. */
    public List<RunResult> addedFailures() {
        return added.stream().filter(r -> !r.ok()).toList();
    }

    /** Anything got worse (see the class comment). */
    public boolean regressed() {
        return !newFailures.isEmpty() || !statusChanges.isEmpty() || !latencyRegressions.isEmpty()
                || !addedFailures().isEmpty();
    }
}
