package gather.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point: builds the command line, runs it, exits with its code. */
public final class Main {
    private Main() { }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16));
        PrintWriter err = new PrintWriter(new BufferedWriter(new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), 1 << 13));
        Runner.handleSignals = true;
        int code = GatherCommand.commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        if (!Runner.interrupted.get()) {
            System.exit(code);
        }
        // Ctrl-C: the JVM is already exiting with 130 once the shutdown hook returns
    }
}
