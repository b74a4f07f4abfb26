package gather.compare;

import java.nio.file.Path;

/** A file that cannot be used as a gather summary document; the message names the file and what is wrong. */
public final class InvalidSummaryException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidSummaryException(Path file, String what) {
        super(file + ": " + what);
    }
}
