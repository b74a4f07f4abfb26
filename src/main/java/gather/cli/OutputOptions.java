package gather.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Output options, shared by the main command and `gather demo`. */
final class OutputOptions {
    boolean json;
    boolean jsonl;
    Path summaryFile;
    boolean quiet;
    boolean debug;

    /** Adds these options to a command (where a picocli mixin would), bound to this object's fields. */
    void declare(CommandSpec s) {
        CliSpec.option(s, OptionSpec.builder("--json").type(boolean.class)
                .description("Write only the JSON summary document to stdout; human lines go to stderr."), v -> json = (Boolean) v);
        CliSpec.option(s, OptionSpec.builder("--jsonl").type(boolean.class)
                .description("Write one JSON result per line to stdout as each URL finishes, then one summary line."),
                v -> jsonl = (Boolean) v);
        CliSpec.option(s, OptionSpec.builder("--summary-file").paramLabel("FILE").type(Path.class)
                .description("Also write the JSON summary document to FILE."), v -> summaryFile = (Path) v);
        CliSpec.option(s, OptionSpec.builder("-q", "--quiet").type(boolean.class)
                .description("No human output (per-URL lines and summary): only what was asked for (--json, --jsonl, --summary-file)."), v -> quiet = (Boolean) v);
        CliSpec.option(s, OptionSpec.builder("--debug").type(boolean.class)
                .description("Show the exception behind each failure (stack traces) on stderr."), v -> debug = (Boolean) v);
    }

    /** Where human output goes: stdout by default, stderr when stdout carries JSON (--json, --jsonl), nowhere with -q. */
    PrintWriter human(PrintWriter out, PrintWriter err) {
        return quiet ? null : json || jsonl ? err : out;
    }
}
