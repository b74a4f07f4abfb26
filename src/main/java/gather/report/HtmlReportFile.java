package gather.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** --report FILE: the {@link HtmlReport} page, written at the end of the run from every result in input order. */
public final class HtmlReportFile implements Report {
    private final Path file;

    public HtmlReportFile(Path file) {
        this.file = file;
    }

    @Override
    public boolean needsResults() {
        return true;
    }

    /** Writes the page; the exception's message says what went wrong in a user's words. */
    @Override
    public void finish(RunSummary run) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            HtmlReport.write(out, run);
        } catch (IOException e) {
            throw new IOException("cannot write --report " + file + ": " + FileProblem.why(e), e);
        }
    }
}
