package gather.cli;

import gather.compare.Diff;
import gather.compare.DiffText;
import gather.compare.InvalidSummaryException;
import gather.compare.LatencyThreshold;
import gather.compare.RunDocument;
import gather.compare.RunResult;
import gather.compare.SummaryReader;
import gather.engine.Engine;
import gather.result.FetchResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * A run against an earlier one: {@code --baseline OLD.json} (compare this run with OLD at the
 * end; a regression fails the run, exit 1) and {@code --rerun-failed OLD.json} (the input is the
 * URLs that failed in OLD, in OLD's order). Both files are read before anything is fetched; a file
 * that is not a gather summary document is a usage error (exit 2).
 */
final class LastRunOptions {
    Path baseline;
    Path rerunFailed;
    LatencyThreshold threshold = LatencyThreshold.DEFAULT;

    private RunDocument baselineRun;
    private RunDocument rerunRun;
    /** This run's results, as they finish (from several workers); only with --baseline. */
    private final ConcurrentLinkedQueue<RunResult> results = new ConcurrentLinkedQueue<>();

    CliSpec.Section declare(CliSpec.Section s) {
        return declareThreshold(s
                .value("--baseline=OLD.json", Path.class, null, "Compare this run with an earlier summary document (as"
                        + " gather diff) and print the comparison after the summary; a regression fails the run (exit 1).",
                        v -> baseline = v)
                .value("--rerun-failed=OLD.json", Path.class, null, "Fetch only the URLs that failed in an earlier summary"
                        + " document, in its order (instead of URL arguments and -i), with this command line's options.",
                        v -> rerunFailed = v), t -> threshold = t);
    }

    static CliSpec.Section declareThreshold(CliSpec.Section s, Consumer<LatencyThreshold> field) {
        return s.value("--latency-threshold=PCT[,DURATION]", LatencyThreshold.class, new ThresholdConverter(),
                "A result is a latency regression when its total time grew by more than PCT and by at least DURATION"
                        + " (default: 50%,100ms; either part alone keeps the other's default).", field);
    }

    /** Reads --baseline and --rerun-failed, and checks they fit with the other input; throws a usage error. */
    void load(CommandLine cl, List<String> urls, String input) {
        if (rerunFailed != null && (!urls.isEmpty() || input != null)) {
            throw new ParameterException(cl, "--rerun-failed takes its URLs from " + rerunFailed
                    + ": give no URL arguments or -i with it");
        }
        baselineRun = read(cl, "--baseline", baseline);
        rerunRun = read(cl, "--rerun-failed", rerunFailed);
    }

    private static RunDocument read(CommandLine cl, String option, Path file) {
        if (file == null) {
            return null;
        }
        try {
            return SummaryReader.read(file);
        } catch (InvalidSummaryException e) {
            throw new ParameterException(cl, "cannot use " + option + " " + e.getMessage());
        }
    }

    boolean rerunning() {
        return rerunRun != null;
    }

    /** The URLs to fetch again: those that failed in the --rerun-failed document, in its order. */
    List<String> rerunUrls() {
        return rerunRun.failed().stream().map(RunResult::url).toList();
    }

    /** Receives each result of this run (null without --baseline). */
    Engine.ResultSink collector() {
        return baselineRun == null ? null : (FetchResult r) -> results.add(RunResult.of(r));
    }

    /**
     * After the run: with --baseline, prints the comparison (human stream, unless quiet) and
     * turns a regression into exit 1. An interrupted run (130) is not compared: what did not
     * finish would all look removed.
     */
    int finish(int code, OutputOptions output, PrintWriter out, PrintWriter err) {
        PrintWriter human = output.json || output.jsonl ? err : out;
        if (rerunRun != null && rerunRun.failed().isEmpty() && !output.quiet) {
            human.println("gather: nothing to re-run: " + rerunFailed + " has no failed result");
            human.flush();
        }
        if (baselineRun == null || code == 130) {
            return code;
        }
        List<RunResult> now = new ArrayList<>(results);
        now.sort(Comparator.comparingLong(RunResult::index));
        Diff d = Diff.compare(baselineRun, new RunDocument("this run", now), threshold);
        if (!output.quiet) {
            DiffText.write(human, "against --baseline " + baseline, d);
        }
        return d.regressed() && code == Runner.OK ? Runner.FAILED : code;
    }

    static final class ThresholdConverter implements ITypeConverter<LatencyThreshold> {
        @Override
        public LatencyThreshold convert(String value) {
            try {
                return LatencyThreshold.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
