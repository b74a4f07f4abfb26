package gather.cli;

import gather.report.Totals;
import gather.result.ErrorKind;
import gather.result.FetchResult;
import java.util.EnumSet;
import java.util.Set;

/**
 * What fails a run, in one place: a failed URL (unless its kind is one --allow-error names: then
 * it is a warning, {@code allowed} in its result), a flaky one with --fail-on-flaky (ok only after
 * a retry; it stays ok in its result), and an input that broke mid-run (a bad batch line from
 * stdin is a usage error, exit 2).
 */
record ExitPolicy(Set<ErrorKind> allowed, boolean failOnFlaky) {
    static final ExitPolicy STRICT = new ExitPolicy(EnumSet.noneOf(ErrorKind.class), false);

    /** The result as the run reports it: a failure of an allowed kind marked as a warning. */
    FetchResult judge(FetchResult r) {
        return !r.ok() && allowed.contains(r.errorKind()) ? r.allowedFailure() : r;
    }

    int exitCode(Totals totals, Exception inputError) {
        if (inputError instanceof UrlInput.BadLine) {
            return Runner.USAGE;
        }
        boolean failed = totals.failedNotAllowed() > 0 || inputError != null || failOnFlaky && totals.retriedOk() > 0;
        return failed ? Runner.FAILED : Runner.OK;
    }
}
