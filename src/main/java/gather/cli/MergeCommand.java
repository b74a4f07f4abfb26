package gather.cli;

import com.fasterxml.jackson.databind.JsonNode;
import gather.compare.InvalidSummaryException;
import gather.compare.RunDocument;
import gather.compare.SummaryReader;
import gather.report.HumanLines;
import gather.report.JsonDocument;
import gather.report.MergedRun;
import gather.report.Report;
import gather.report.ResultReader;
import gather.report.RunSummary;
import gather.report.SummaryFile;
import gather.result.FetchResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code gather merge A.json B.json ...}: the summary documents of the shards of one batch
 * (--shard K/N) as the one document a single run would have written: every result in input order
 * (by index), the totals computed again, started the earliest shard's start, wall_ms the longest
 * shard's (they ran side by side); the exit status one run would have had.
 */
final class MergeCommand implements Callable<Integer> {
    static final String NAME = "merge";
    /** One line in gather --help's list of commands, and the first of this command's help. */
    static final String DESCRIPTION = "Merge the JSON summary documents of a sharded run (--shard K/N) into one: results in input order,"
            + " totals recomputed. The document goes to stdout, the summary line to stderr.";

    CommandSpec spec;

    List<Path> files = new ArrayList<>();
    Path summaryFile;
    boolean quiet;

    CommandSpec declare() {
        CommandSpec s = CliSpec.command(this, NAME, DESCRIPTION);
        s.usageMessage().footer("", "Exit status: 0 every URL succeeded; 1 at least one failed; 2 unusable command line"
                + " or file (not a summary document, or two files holding the same input position).");
        CliSpec.positional(s, PositionalParamSpec.builder().index("0..*").arity("1..*").required(true).paramLabel("FILE")
                .type(List.class).auxiliaryTypes(Path.class).description("The shards' summary documents."),
                v -> files = paths(v));
        CliSpec.section(s, "Options")
                .value("--summary-file=FILE", Path.class, null, "Also write the merged document to FILE.", v -> summaryFile = v)
                .flag("-q, --quiet", "No summary line on stderr.", v -> quiet = v)
                .standardHelp().end();
        spec = s;
        return s;
    }

    @SuppressWarnings("unchecked")
    private static List<Path> paths(Object v) {
        return (List<Path>) v;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<FetchResult> results = new ArrayList<>();
        Map<Long, Path> seen = new HashMap<>();
        Instant started = null;
        double wallMs = 0;
        for (Path f : files) {
            RunDocument doc;
            try {
                doc = SummaryReader.readWhole(f);
            } catch (InvalidSummaryException e) {
                return usage(err, e.getMessage());
            }
            for (JsonNode node : doc.nodes()) {
                FetchResult r;
                try {
                    r = ResultReader.read(node);
                } catch (IllegalArgumentException e) {
                    return usage(err, f + ": a result cannot be read: " + e.getMessage());
                }
                Path before = seen.put(r.index(), f);
                if (before != null) {
                    return usage(err, f + " and " + before + " both hold input position " + r.index()
                            + " (the same shard twice?)");
                }
                results.add(r);
            }
            if (doc.started() != null) {
                Instant s = Instant.parse(doc.started());
                started = started == null || s.isBefore(started) ? s : started;
            }
            wallMs = Math.max(wallMs, doc.wallMs());
        }
        results.sort(Comparator.comparingLong(FetchResult::index));
        RunSummary run = MergedRun.summary(Version.VERSION, started == null ? Instant.now() : started,
                Math.round(wallMs * 1e6), results);
        List<Report> reports = new ArrayList<>(List.of(new JsonDocument(out)));
        if (summaryFile != null) {
            reports.add(new SummaryFile(summaryFile));
        }
        MergedRun.write(run, reports);
        out.flush();
        if (!quiet) {
            err.println("gather merge: " + files.size() + " files; " + HumanLines.summaryLine(run));
            err.flush();
        }
        return run.totals().failedNotAllowed() > 0 ? Runner.FAILED : Runner.OK;
    }

    private static int usage(PrintWriter err, String message) {
        err.println("gather merge: " + message);
        err.flush();
        return Runner.USAGE;
    }
}
