package gather.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

/** Output options, shared by the main command and `gather demo`. */
final class OutputOptions {
    boolean json;
    boolean jsonl;
    Path summaryFile;
    boolean quiet;
    boolean showError;
    boolean debug;
    /** --report FILE.html (declared by GatherCommand): the HTML report, or null. */
    Path report;
    /** --shard K/N: this run's share of the input, or null. */
    gather.report.RunSummary.Shard shard;
    /** --junit FILE, --markdown FILE, --github (the CI reports), or null/false. */
    Path junit;
    Path markdown;
    boolean github;
    /** Decided when the run starts (GatherCommand): GitHub mode ($GITHUB_ACTIONS or --github), its step summary, the input's name. */
    CiContext ci = CiContext.NONE;
    /** --color: always, never or auto (colour only on a terminal). */
    String color = "auto";
    boolean noColor;
    /** Decided when the run starts (GatherCommand): colour and progress. */
    HumanStyle style = HumanStyle.PLAIN;

    /** Adds these options to a section of a command (where a picocli mixin would), bound to this object's fields. */
    CliSpec.Section declare(CliSpec.Section s) {
        return s.flag("--json", "Write only the JSON summary document to stdout; human lines go to stderr.", v -> json = v)
                .flag("--jsonl", "Write one JSON result per line to stdout as each URL finishes, then one summary line.",
                        v -> jsonl = v)
                .value("--summary-file=FILE", Path.class, null, "Also write the JSON summary document to FILE.",
                        v -> summaryFile = v)
                .flag("-q, --quiet, -s, --silent", "No human output (per-URL lines and summary): only what was asked for (--json, --jsonl, --summary-file).", v -> quiet = v)
                .flag("-S, --show-error", "With -q/-s: still show each failed URL on stderr (curl's -sS).",
                        v -> showError = v)
                .flag("--debug", "Show the exception behind each failure (stack traces) on stderr.", v -> debug = v)
                .value("--color=WHEN", String.class, new Converters.OneOf("always", "never", "auto"), "Colour the human"
                        + " output: always, never, or auto (default: only on a terminal, and not when NO_COLOR is set).",
                        v -> color = v)
                .flag("--no-color", "No colour (as --color=never).", v -> noColor = v);
    }

    /** Where human output goes: stdout by default, stderr when stdout carries JSON (--json, --jsonl), nowhere with -q. */
    PrintWriter human(PrintWriter out, PrintWriter err) {
        return quiet ? null : json || jsonl ? err : out;
    }
}
