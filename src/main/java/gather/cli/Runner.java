package gather.cli;

import gather.engine.Engine;
import gather.plan.FetchOptions;
import gather.report.HumanLines;
import gather.report.JsonDocument;
import gather.report.JsonLines;
import gather.report.Report;
import gather.report.Reports;
import gather.report.SummaryFile;
import gather.report.TotalsBlock;
import gather.result.FetchResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
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
        return run(options, source, output, out, err, version, userAgent, null, false);
    }

    /**
     * @param also     receives each result too, after the reporter (null: nothing else)
     * @param emptyOk  an input without any URL is a run of nothing (exit 0, an empty summary), not -1
     */
    static int run(FetchOptions options, Engine.UrlSource source, OutputOptions output, PrintWriter out,
                   PrintWriter err, String version, String userAgent, Engine.ResultSink also, boolean emptyOk)
            throws IOException {
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
        try (Reports reporter = reports(output, out, err, version)) {
            try {
                engine.run(source, r -> {
                    reporter.onResult(r);
                    if (also != null) {
                        also.accept(r);
                    }
                    if (output.debug && !r.ok() && r.error().cause() != null) {
                        debug(err, r);
                    }
                });
            } catch (InterruptedException e) {
                engine.cancel();
                Thread.currentThread().interrupt();
            }
            if (engine.inputError() != null) {
                err.println("gather: reading the input failed, later URLs were not read: " + engine.inputError().getMessage());
                err.flush();
            }
            if (reporter.totals().urls() == 0 && !engine.cancelled() && !emptyOk) {
                return -1;
            }
            try {
                reporter.finish();
            } catch (SummaryFile.WriteFailed e) {
                err.println("gather: " + e.getMessage());
                err.flush();
                return FAILED;
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

    /**
     * The reports a run writes (CONTRACT.md "Output"): human lines on stdout, or on stderr when
     * stdout carries JSON, none with -q; then the JSON summary object (default; not with -q),
     * the document (--json) or JSON lines (--jsonl) on stdout; and the document in
     * --summary-file.
     */
    static Reports reports(OutputOptions output, PrintWriter out, PrintWriter err, String version) throws IOException {
        List<Report> reports = new ArrayList<>();
        PrintWriter human = output.human(out, err);
        if (human != null) {
            reports.add(new HumanLines(human));
        }
        if (output.jsonl) {
            reports.add(new JsonLines(out));
        } else if (output.json) {
            reports.add(new JsonDocument(out));
        } else if (human != null) {
            reports.add(new TotalsBlock(out));
        }
        if (output.summaryFile != null) {
            reports.add(new SummaryFile(output.summaryFile));
        }
        return new Reports(version, reports);
    }

    private static void debug(PrintWriter err, FetchResult r) {
        StringBuilder sb = new StringBuilder("debug: #" + r.index() + " " + r.url() + "\n");
        Throwable cause = r.error().cause();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            sb.append(t == cause ? "" : "Caused by: ").append(t).append('\n');
            for (StackTraceElement e : t.getStackTrace()) {
                sb.append("\tat ").append(e).append('\n');
            }
        }
        err.print(sb);
        err.flush();
    }
}
