package gather.cli;

import gather.engine.Engine;
import gather.plan.FetchOptions;
import gather.report.ExchangeText;
import gather.report.HtmlReportFile;
import gather.report.JsonDocument;
import gather.report.GithubAnnotations;
import gather.report.JsonLines;
import gather.report.JunitReport;
import gather.report.MarkdownReport;
import gather.report.Redactor;
import gather.report.Report;
import gather.report.Reports;
import gather.report.SummaryFile;
import gather.report.TotalsBlock;
import gather.report.Totals;
import gather.result.FetchResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Runs one batch through the engine into a reporter and says how it ended ({@link Outcome}). */
final class Runner {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int INTERRUPTED = 130;

    private Runner() { }

    /** How a run ended. */
    sealed interface Outcome {
        /** The process's exit status for this outcome. */
        int exitCode();

        /** Every URL taken was fetched and reported: 0 all ok, 1 some failed (or the summary file or input broke). */
        record Finished(int exitCode, Totals totals) implements Outcome { }

        /** Ctrl-C (or the thread interrupted): what finished was reported. */
        record Interrupted(Totals totals) implements Outcome {
            @Override
            public int exitCode() {
                return INTERRUPTED;
            }
        }

        /** The input held no URL at all: nothing was run or written (the caller reports a usage error). */
        record NoUrls() implements Outcome {
            @Override
            public int exitCode() {
                return USAGE;
            }
        }
    }

    /**
     * What a run needs besides its options and input: where output goes, Ctrl-C, extra result
     * sinks ({@code also} receives each result after the reports; null: none), whether an input
     * without any URL is a run of nothing ({@code emptyOk}), and what is shown and hidden
     * ({@code shown}: -v, -I's heads, the secrets, applied to every result before any report sees it).
     */
    record Setup(OutputOptions output, PrintWriter out, PrintWriter err, Interrupts interrupts, String userAgent,
                 Engine.ResultSink also, boolean emptyOk, Visibility shown, ExitPolicy exit) {
        Setup(OutputOptions output, PrintWriter out, PrintWriter err, Interrupts interrupts) {
            this(output, out, err, interrupts, null, null, false, Visibility.DEFAULT, ExitPolicy.STRICT);
        }
    }

    static Outcome run(FetchOptions options, Engine.UrlSource source, Setup s) throws IOException {
        OutputOptions output = s.output();
        PrintWriter out = s.out();
        PrintWriter err = s.err();
        Redactor redactor = s.shown().redactor();
        Engine engine = new Engine(options, s.userAgent() != null ? s.userAgent() : "gather/" + Version.VERSION);
        try (Interrupts.Guard guard = s.interrupts().guard(engine::cancel);
             Reports reporter = reports(output, out, err, s.shown())) {
            try {
                engine.run(source, result -> {
                    FetchResult r = s.exit().judge(redactor.apply(result)); // no report sees a secret
                    reporter.onResult(r);
                    if (s.also() != null) {
                        s.also().accept(r);
                    }
                    if (output.quiet && output.showError && !r.ok()) {
                        err.print("gather: " + r.url() + ": " + r.error().kind().wireName() + ": " + r.error().message() + "\n");
                        err.flush();
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
            if (engine.sidecarError() != null) { // -C / -N: a warning; the results stand
                err.println("gather: cannot save the validators for -N/-C: " + engine.sidecarError().getMessage());
                err.flush();
            }
            Totals totals = reporter.totals();
            if (totals.urls() == 0 && !engine.cancelled() && !s.emptyOk()) {
                return new Outcome.NoUrls();
            }
            try {
                if (engine.cancelled()) {
                    reporter.finish(true, source instanceof UrlInput u ? u.notStarted() : null);
                } else {
                    reporter.finish();
                }
            } catch (IOException e) { // the summary file or the HTML report could not be written
                err.println(redactor.text("gather: " + e.getMessage()));
                err.flush();
                return new Outcome.Finished(FAILED, totals);
            }
            out.flush();
            err.flush();
            if (engine.cancelled()) {
                return new Outcome.Interrupted(totals);
            }
            return new Outcome.Finished(s.exit().exitCode(totals, engine.inputError()), totals);
        }
    }

    /**
     * The reports a run writes (CONTRACT.md "Output"), in this order: -v's transcripts and -I's
     * heads (before each URL's line); human lines on stdout, or on stderr when stdout carries
     * JSON, none with -q; then the JSON summary object (default; not with -q), the document
     * (--json) or JSON lines (--jsonl) on stdout; the document in --summary-file; the HTML page
     * in --report.
     */
    static Reports reports(OutputOptions output, PrintWriter out, PrintWriter err, Visibility shown) throws IOException {
        List<Report> reports = new ArrayList<>();
        ExchangeText exchanges = shown.exchangeText(output, out, err);
        if (exchanges != null) {
            reports.add(exchanges);
        }
        PrintWriter human = output.human(out, err);
        if (human != null) {
            reports.add(output.style.humanLines(human, err));
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
        if (output.report != null) {
            reports.add(new HtmlReportFile(output.report));
        }
        if (output.junit != null) {
            reports.add(new JunitReport(output.junit, output.ci.inputName()));
        }
        if (output.markdown != null) {
            reports.add(new MarkdownReport(output.markdown, false));
        }
        if (output.ci.github()) {
            // workflow commands: on stdout, where GitHub reads them, unless stdout carries JSON (then stderr)
            reports.add(new GithubAnnotations(output.json || output.jsonl ? err : out, output.ci.inputName()));
            if (output.ci.stepSummary() != null) {
                reports.add(new MarkdownReport(output.ci.stepSummary(), true));
            }
        }
        return new Reports(Version.VERSION, reports).shard(output.shard);
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
