package gather.report;

import gather.result.FetchResult;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A markdown summary: the totals in a line, then a table of the failures (name or URL, its line,
 * status, kind, message), at most {@link #MAX_ROWS} rows. --markdown FILE writes it; on GitHub
 * Actions it is appended to the job's step summary ($GITHUB_STEP_SUMMARY), which GitHub renders.
 */
public final class MarkdownReport implements Report {
    static final int MAX_ROWS = 100;

    private final Path file;
    private final boolean append;

    /** @param append add to FILE (a step summary holds other steps' text), else replace it */
    public MarkdownReport(Path file, boolean append) {
        this.file = file;
        this.append = append;
    }

    @Override
    public boolean needsResults() {
        return true;
    }

    @Override
    public void finish(RunSummary run) throws IOException {
        StringBuilder sb = new StringBuilder(4096);
        text(sb, run);
        StandardOpenOption mode = append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, mode)) {
            w.write(sb.toString());
        } catch (IOException e) {
            throw new IOException("cannot write the markdown summary " + file + ": " + e.getMessage(), e);
        }
    }

    static void text(StringBuilder sb, RunSummary run) {
        Totals t = run.totals();
        sb.append("### gather: ").append(t.ok()).append(" of ").append(t.urls()).append(" URLs ok");
        if (t.failed() > 0) {
            sb.append(", ").append(t.failed() - t.allowed()).append(" failed");
        }
        if (t.allowed() > 0) {
            sb.append(", ").append(t.allowed()).append(" allowed");
        }
        if (t.retriedOk() > 0) {
            sb.append(", ").append(t.retriedOk()).append(" flaky");
        }
        sb.append("\n\n").append(HumanLines.summaryLine(run)).append("\n\n");
        if (t.failed() == 0) {
            return;
        }
        sb.append("| URL | line | status | kind | message |\n| --- | ---: | ---: | --- | --- |\n");
        long rows = 0;
        for (FetchResult r : run.results()) {
            if (r.ok()) {
                continue;
            }
            if (rows++ == MAX_ROWS) {
                continue; // counted, not shown
            }
            sb.append("| ").append(CiText.cell(CiText.name(r)))
                    .append(" | ").append(r.line() == null ? "" : r.line())
                    .append(" | ").append(r.status() == null ? "" : r.status())
                    .append(" | ").append(r.allowed() ? "allowed: " : "").append(r.error().kind().wireName())
                    .append(" | ").append(CiText.cell(r.error().message())).append(" |\n");
        }
        if (rows > MAX_ROWS) {
            sb.append("\nand ").append(rows - MAX_ROWS).append(" more failures (see the JSON summary)\n");
        }
        sb.append('\n');
    }
}
