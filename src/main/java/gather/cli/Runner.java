package gather.cli;

import gather.engine.Engine;
import gather.plan.FetchOptions;
import gather.report.HtmlReportFile;
import gather.report.Redactor;
import gather.report.Reporter;
import gather.result.FetchResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Runs one batch through the engine into a reporter and turns the outcome into an exit code. */
final class Runner {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    /** Set by main(): install the Ctrl-C hook (tests run in-process and must not). */
    static volatile boolean handleSignals;
    /** True once the JVM is shutting down because of a signal; main must then not call exit. */
    static final AtomicBoolean interrupted = new AtomicBoolean();

    private Runner() { }

    /**
     * @return the exit code, or -1 when no URL was given at all (the caller reports a usage error)
     */
    static int run(FetchOptions options, Engine.UrlSource source, OutputOptions output, PrintWriter out,
                   PrintWriter err, String version, String userAgent) throws IOException {
        return run(options, source, output, out, err, version, userAgent, null, false, Visibility.DEFAULT);
    }

    /**
     * @param also     receives each result too, after the reporter (null: nothing else)
     * @param emptyOk  an input without any URL is a run of nothing (exit 0, an empty summary), not -1
     * @param shown    -v, -I's heads, and the secrets, applied to every result before any report sees it
     */
    static int run(FetchOptions options, Engine.UrlSource source, OutputOptions output, PrintWriter out,
                   PrintWriter err, String version, String userAgent, Engine.ResultSink also, boolean emptyOk,
                   Visibility shown) throws IOException {
        Redactor redactor = shown.redactor();
        Engine engine = new Engine(options, userAgent != null ? userAgent : "gather/" + version);
        CountDownLatch written = new CountDownLatch(1);
        Thread hook = null;
        if (handleSignals) {
            hook = new Thread(() -> {
                interrupted.set(true);
                engine.cancel();
                try {
                    written.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException ignored) {
                    // exiting anyway
                }
            }, "gather-interrupt");
            Runtime.getRuntime().addShutdownHook(hook);
        }
        HtmlReportFile html = output.report == null ? null : new HtmlReportFile(output.report); // --report
        try (Reporter reporter = new Reporter(output.mode(), output.quiet, out, err, output.summaryFile, version,
                shown.exchangeText(output, out, err))) {
            try {
                engine.run(source, result -> {
                    FetchResult r = redactor.apply(result); // the output boundary: no report sees a secret
                    if (html != null) {
                        html.accept(r);
                    }
                    reporter.accept(r);
                    if (also != null) {
                        also.accept(r);
                    }
                    if (output.debug && !r.ok() && r.error().cause() != null) {
                        debug(err, r, redactor);
                    }
                });
            } catch (InterruptedException e) {
                engine.cancel();
                Thread.currentThread().interrupt();
            }
            if (engine.inputError() != null) {
                err.println(redactor.text("gather: reading the input failed, later URLs were not read: "
                        + engine.inputError().getMessage()));
                err.flush();
            }
            if (engine.sidecarError() != null) { // -C / -N (issue 14): a warning; the results stand
                err.println("gather: cannot save the validators for -N/-C: " + engine.sidecarError().getMessage());
                err.flush();
            }
            if (reporter.totals().urls() == 0 && !engine.cancelled() && !emptyOk) {
                return -1;
            }
            try {
                reporter.finish();
            } catch (Reporter.SummaryFileException e) {
                err.println(redactor.text("gather: " + e.getMessage()));
                err.flush();
                return FAILED;
            }
            if (html != null) {
                try {
                    html.write(version);
                } catch (IOException e) {
                    err.println("gather: " + e.getMessage());
                    err.flush();
                    return FAILED;
                }
            }
            out.flush();
            err.flush();
            if (engine.cancelled()) {
                return 130;
            }
            return reporter.totals().failed() == 0 && engine.inputError() == null ? OK : FAILED;
        } finally {
            written.countDown();
            if (hook != null && !interrupted.get()) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException ignored) {
                    // already shutting down
                }
            }
        }
    }

    private static void debug(PrintWriter err, FetchResult r, Redactor redactor) {
        StringBuilder sb = new StringBuilder("debug: #" + r.index() + " " + r.url() + "\n");
        Throwable cause = r.error().cause();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            sb.append(t == cause ? "" : "Caused by: ").append(t).append('\n');
            for (StackTraceElement e : t.getStackTrace()) {
                sb.append("\tat ").append(e).append('\n');
            }
        }
        err.print(redactor.text(sb.toString()));
        err.flush();
    }
}
