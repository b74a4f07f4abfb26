package gather.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a standard stream of this process is a terminal: where colour and a redrawn progress
 * line may go. On Linux the stream's file descriptor names its device (/proc/self/fd/N links to
 * /dev/pts/K for a terminal, to a pipe or a file otherwise), which tells stdout and stderr apart;
 * elsewhere the JDK's console is the best guess (it exists when the process runs in a terminal).
 */
final class Terminal {
    static final int STDOUT = 1;
    static final int STDERR = 2;

    private Terminal() { }

    static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
