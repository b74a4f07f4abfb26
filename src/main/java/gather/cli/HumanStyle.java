package gather.cli;

import gather.report.HumanLines;
import gather.report.ProgressLine;
import java.io.PrintWriter;
import java.util.Map;

/**
 * How human output looks in this run: colour (only on a terminal, unless --color=always; never
 * with NO_COLOR, --no-color or --color=never) and the progress line (on stderr: redrawn in
 * place on a terminal, a plain line every ~10 s in a log; none with -q).
 *
 * @param total how many URLs the input holds, or -1 when unknown
 */
record HumanStyle(boolean colour, boolean progress, boolean live, long total) {
    /** Plain lines, no progress: what runs made in code (and tests) get. */
    static final HumanStyle PLAIN = new HumanStyle(false, false, false, -1);

    /**
     * @param when        --color's value: always, never or auto
     * @param humanOnErr  the human lines go to stderr (--json, --jsonl, -o -), else to stdout
     */
    static HumanStyle of(String when, boolean noColor, Map<String, String> environment, boolean humanOnErr,
                         boolean quiet, long total) {
        String noColorEnv = environment.get("NO_COLOR");
        boolean colour = switch (when) {
            case "always" -> true;
            case "never" -> false;
            default -> !noColor && (noColorEnv == null || noColorEnv.isEmpty())
                    && Terminal.isTerminal(humanOnErr ? Terminal.STDERR : Terminal.STDOUT);
        };
        if (noColor) {
            colour = false;
        }
        return new HumanStyle(colour, !quiet, Terminal.isTerminal(Terminal.STDERR), total);
    }

    HumanLines humanLines(PrintWriter human, PrintWriter err) {
        return new HumanLines(human, colour, progress ? new ProgressLine(err, live, total) : null);
    }
}
