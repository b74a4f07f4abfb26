package gather.cli;

import gather.report.ExchangeText;
import gather.report.Redactor;
import java.io.PrintWriter;

/**
 * What a run shows of its exchanges and hides of its values: -v's transcripts, -I's response
 * heads, and the secrets no output may hold.
 */
record Visibility(boolean verbose, boolean heads, Redactor redactor) {
    static final Visibility DEFAULT = new Visibility(false, false, Redactor.NONE);

    /**
     * Transcripts go to stderr. Heads go where curl -I puts them, stdout, even with -q (as curl
     * -sI); with --json or --jsonl, whose stdout holds only JSON, to stderr with the human
     * lines, and -q hides them there.
     */
    ExchangeText exchangeText(OutputOptions output, PrintWriter out, PrintWriter err) {
        PrintWriter headOut = !heads ? null
                : !output.json && !output.jsonl ? out
                : output.quiet ? null : err;
        return verbose || headOut != null ? new ExchangeText(verbose ? err : null, headOut) : null;
    }
}
