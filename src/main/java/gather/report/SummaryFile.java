package gather.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** --summary-file: the JSON summary document, every result, written to a file at the end. */
public final class SummaryFile implements Report {
    /** The summary file could not be written (everything else was); the message says why, for a person. */
    public static final class WriteFailed extends IOException {
        private static final long serialVersionUID = 1L;

        WriteFailed(String message) {
            super(message);
        }
    }

    private final Path file;

    public SummaryFile(Path file) {
        this.file = file;
    }

    @Override
    public boolean needsResultJson() {
        return true;
    }

    @Override
    public void finish(RunSummary run) throws IOException {
        try (OutputStream f = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            JsonDocument.write(f, run);
        } catch (IOException e) {
            throw new WriteFailed("cannot write --summary-file " + file + ": " + FileProblem.why(e));
        }
    }
}
