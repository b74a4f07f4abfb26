package gather.cli;

import gather.report.Utf8PrintWriter;
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
        Thread.ofPlatform().daemon().name("gather-warm-up").start(Main::warmUp);
        PrintWriter out = new Utf8PrintWriter(new FileOutputStream(FileDescriptor.out), 1 << 16);
        PrintWriter err = new PrintWriter(new BufferedWriter(new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), 1 << 13));
        Interrupts interrupts = Interrupts.signals();
        int code = ConfigFile.execute(CommandLineFactory.create(out, err, interrupts), args, System.getenv());
        out.flush();
        err.flush();
        if (!interrupts.interrupted()) {
            System.exit(code);
        }
        // Ctrl-C: the JVM is already exiting with 130 once the shutdown hook returns
    }

    /**
     * Start-up work that a run needs soon, done on a second core while this thread parses the
     * command line: the JCA providers behind SHA-256 (BodySink's digest: 25-45 ms on a cold JVM,
     * the largest single start-up cost), the virtual-thread scheduler, the reports' JSON writing
     * (Jackson). Class initialisation and JSON written to nowhere: nothing observable changes, and a failure here
     * shows again (and is reported) where the run really uses the class.
     */
    private static void warmUp() {
        try {
            ClassLoader loader = Main.class.getClassLoader();
            Class.forName("gather.body.BodySink", true, loader);
            Thread.ofVirtual().start(() -> { });
            gather.report.Reports.warmUp();
        } catch (Throwable ignored) {
            // see above
        }
    }
}
