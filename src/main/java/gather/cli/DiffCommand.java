package gather.cli;

import gather.compare.Diff;
import gather.compare.DiffJson;
import gather.compare.DiffText;
import gather.compare.InvalidSummaryException;
import gather.compare.LatencyThreshold;
import gather.compare.RunDocument;
import gather.compare.SummaryReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code gather diff OLD.json NEW.json}: how a run differs from an earlier one (see {@link Diff}). */
final class DiffCommand implements Callable<Integer> {
    static final String NAME = "diff";
    /** One line in gather --help's list of commands, and the first of this command's help. */
    static final String DESCRIPTION = "Compare two JSON summary documents (--json or --summary-file of two runs): new failures,"
            + " recoveries, status changes, body changes (SHA-256), latency regressions, added and"
            + " removed URLs. Results are matched by URL (a repeated URL by its occurrence order).";

    /** This command's spec (set by {@link #declare}). */
    CommandSpec spec;

    Path oldFile;
    Path newFile;
    boolean json;
    boolean quiet;
    LatencyThreshold threshold = LatencyThreshold.DEFAULT;

    CommandSpec declare() {
        CommandSpec s = CliSpec.command(this, NAME, DESCRIPTION);
        s.usageMessage().footer("", "Exit status: 0 nothing regressed; 1 something regressed (a new failure, an added URL"
                + " that failed, a status change or a latency regression); 2 unusable command line or file.");
        CliSpec.positional(s, PositionalParamSpec.builder().index("0").arity("1").required(true).paramLabel("OLD").type(Path.class)
                .description("The earlier run's summary document."), v -> oldFile = (Path) v);
        CliSpec.positional(s, PositionalParamSpec.builder().index("1").arity("1").required(true).paramLabel("NEW").type(Path.class)
                .description("The later run's summary document."), v -> newFile = (Path) v);
        LastRunOptions.declareThreshold(CliSpec.section(s, "Options")
                .flag("--json", "Write the comparison as one JSON object to stdout.", v -> json = v), t -> threshold = t)
                .flag("-q, --quiet", "No output; only the exit status.", v -> quiet = v)
                .standardHelp().end();
        spec = s;
        return s;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RunDocument old;
        RunDocument now;
        try {
            old = SummaryReader.read(oldFile);
            now = SummaryReader.read(newFile);
        } catch (InvalidSummaryException e) {
            err.println("gather diff: " + e.getMessage());
            err.flush();
            return Runner.USAGE;
        }
        Diff d = Diff.compare(old, now, threshold);
        if (json) {
            DiffJson.write(out, d);
        } else if (!quiet) {
            DiffText.write(out, "gather diff: " + oldFile + " -> " + newFile, d);
        }
        out.flush();
        return d.regressed() ? Runner.FAILED : Runner.OK;
    }
}
