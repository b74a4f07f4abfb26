package gather.engine.check;

import gather.body.BodyCapture;
import gather.body.TextSearch;
import gather.plan.CheckSet;
import gather.result.CheckFailure;
import gather.result.ErrorKind;
import gather.result.FetchException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks one URL must pass, in order (the accepted status first), evaluated in one place:
 * every check runs, and every failure is reported. The status check's failure makes the URL's
 * kind {@code http_status}; any other failure alone makes it {@code expectation}.
 */
public final class Checks {
    private final CheckSet set;
    private final List<Check> list;
    private final boolean needsBody;

    private Checks(CheckSet set, List<Check> list) {
        this.set = set;
        this.list = List.copyOf(list);
        this.needsBody = list.stream().anyMatch(Check::needsBody);
    }

    public static Checks of(CheckSet set) {
        List<Check> l = new ArrayList<>();
        l.add(new StatusCheck(set.status()));
        set.headers().forEach(h -> l.add(new HeaderCheck(h)));
        set.texts().forEach(t -> l.add(new TextCheck(t)));
        set.regexes().forEach(p -> l.add(new RegexCheck(p)));
        if (set.sha256() != null) {
            l.add(new Sha256Check(set.sha256()));
        }
        set.json().forEach(j -> l.add(new JsonCheck(j)));
        if (set.maxTtfb() != null) {
            l.add(TimeBudgetCheck.ttfb(set.maxTtfb()));
        }
        if (set.maxLatency() != null) {
            l.add(TimeBudgetCheck.latency(set.maxLatency()));
        }
        if (set.certValidFor() != null) {
            l.add(new CertValidityCheck(set.certValidFor()));
        }
        return new Checks(set, l);
    }

    public List<Check> list() {
        return list;
    }

    /** The status counts as success (a body is saved only then). */
    public boolean accepts(int status) {
        return set.status().accepts(status);
    }

    /** A fresh watch for one response's body: searches for the texts the checks name, and the bounded body if needed. */
    public BodyWatch watch() {
        Map<String, TextSearch> searches = new LinkedHashMap<>();
        for (Check c : list) {
            for (String t : c.searches()) {
                searches.computeIfAbsent(t, k -> new TextSearch(k.getBytes(StandardCharsets.UTF_8)));
            }
        }
        if (searches.isEmpty() && !needsBody) {
            return BodyWatch.NONE;
        }
        return new BodyWatch(searches, needsBody ? new BodyCapture(BodyCapture.DEFAULT_LIMIT) : null);
    }

    /** Every check's failure, in order; empty when all pass. */
    public List<CheckFailure> evaluate(CheckContext c) {
        List<CheckFailure> failed = new ArrayList<>(2);
        for (Check check : list) {
            CheckFailure f = check.evaluate(c);
            if (f != null) {
                failed.add(f);
            }
        }
        return failed;
    }

    /** The URL's failure for these failed checks (not empty): one kind, a short summary. */
    public static FetchException verdict(List<CheckFailure> failed, int status, String reason) {
        CheckFailure first = failed.get(0);
        int more = failed.size() - 1;
        if (first.name().equals(StatusCheck.NAME)) {
            return new FetchException(ErrorKind.HTTP_STATUS, "HTTP " + status + (reason == null || reason.isEmpty()
                    ? "" : " " + reason) + " is not an accepted status (" + first.expected() + ")"
                    + (more == 0 ? "" : "; " + more + " more failed check" + (more == 1 ? "" : "s")));
        }
        if (more == 0) {
            return new FetchException(ErrorKind.EXPECTATION, first.name() + ": expected " + first.expected()
                    + ", seen " + first.seen());
        }
        List<String> names = failed.stream().map(CheckFailure::name).distinct().toList();
        return new FetchException(ErrorKind.EXPECTATION, failed.size() + " checks failed: " + String.join(", ", names));
    }
}
