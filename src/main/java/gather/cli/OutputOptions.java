package gather.cli;

import gather.report.Reporter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Output options, shared by the main command and `gather demo`. */
final class OutputOptions {
    @Option(names = "--json", description = "Write only the JSON summary document to stdout; human lines go to stderr.")
    boolean json;

    @Option(names = "--jsonl", description = "Write one JSON result per line to stdout as each URL finishes, then one summary line.")
    boolean jsonl;

    @Option(names = "--summary-file", paramLabel = "FILE", description = "Also write the JSON summary document to FILE.")
    Path summaryFile;

    @Option(names = {"-q", "--quiet"}, description = "No human output (per-URL lines and summary).")
    boolean quiet;

    @Option(names = "--debug", description = "Show the exception behind each failure (stack traces) on stderr.")
    boolean debug;

    Reporter.Mode mode() {
        return jsonl ? Reporter.Mode.JSONL : json ? Reporter.Mode.JSON : Reporter.Mode.HUMAN;
    }
}
