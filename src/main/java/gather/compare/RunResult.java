package gather.compare;

import gather.result.FetchResult;

/**
 * What a comparison needs of one result of a run, read from a summary document or taken from a
 * result of the run in progress.
 *
 * @param index   position in that run's input
 * @param url     the URL as that run recorded it (user info never recorded)
 * @param status  the final status, or null when no status line was read
 * @param errorKind the contract's error kind, or null when ok
 * @param sha256  of the body, or null (not in the document)
 * @param totalMs timing_ms.total, or null (not in the document)
 * @param line    1-based line in the input file, or null (arguments, or a document without it)
 * @param name    the input line's label, or null
 */
public record RunResult(long index, String url, boolean ok, Integer status, String errorKind, String sha256,
                        Double totalMs, Long line, String name) {

    /** A result of the run in progress (line and name are not known to results yet). */
    public static RunResult of(FetchResult r) {
        return new RunResult(r.index(), r.url(), r.ok(), r.status(), r.ok() ? null : r.error().kind().wireName(),
                r.sha256(), Math.round(r.timing().totalNanos() / 1e5) / 10.0, null, null);
    }

    /** "200 ok", "500 http_status", "--- connect". */
    String outcome() {
        return (status == null ? "---" : status.toString()) + " " + (ok ? "ok" : errorKind);
    }
}
