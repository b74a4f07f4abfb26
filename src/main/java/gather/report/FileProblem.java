package gather.report;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** What went wrong with a file, in a user's words: for the reports that write or keep files. */
final class FileProblem {
    private FileProblem() { }

    /** "no such file or directory", "permission denied", else the exception's own message. */
    static String why(IOException e) {
        return e instanceof NoSuchFileException ? "no such file or directory"
                : e instanceof AccessDeniedException ? "permission denied"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
