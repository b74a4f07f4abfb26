package gather.cli;

import gather.demo.DemoServers;
import gather.engine.Engine;
import gather.plan.FetchOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The classic asyncio demonstration, reproducible anywhere: local HTTP and HTTPS servers whose
 * pages each take a fixed delay, fetched one at a time and then all at once by the real engine.
 */
final class DemoCommand implements Callable<Integer> {
    static final String NAME = "demo";
    /** One line in gather --help's list of commands, and the first of this command's help. */
    static final String DESCRIPTION = "Start local HTTP and HTTPS servers with slow pages, fetch them one at a time and then all"
            + " at once, and print both timings, the speedup and the JSON summary of the concurrent run.";

    static final int DEFAULT_PAGES = 100;
    static final int DEFAULT_DELAY_MILLIS = 40;

    /** This command's spec (set by {@link #declare}). */
    CommandSpec spec;

    OutputOptions output = new OutputOptions();
    int pages = DEFAULT_PAGES;
    int delayMillis = DEFAULT_DELAY_MILLIS;
    boolean serve;
    /** Ctrl-C for this process (the factory sets it). */
    Interrupts interrupts = Interrupts.none();

    /** The `demo` command line (see GatherCommand.declare): its options, bound to these fields. */
    CommandSpec declare() {
        CommandSpec s = CliSpec.command(this, NAME, DESCRIPTION);
        CliSpec.section(s, "Demo")
                .value("--pages=N", int.class, new Converters.Positive(),
                        "Pages to serve and fetch (default: " + DEFAULT_PAGES + ").", v -> pages = v)
                .value("--delay=MS", int.class, new Converters.NonNegative(),
                        "Server delay per page in milliseconds (default: " + DEFAULT_DELAY_MILLIS + ").", v -> delayMillis = v)
                .flag("--serve", "Only start the servers: print the page URLs (a URL file for -i, with the --cacert"
            + " to use in a # line), then serve until interrupted.", v -> serve = v)
                .end();
        output.declare(CliSpec.section(s, "Output")).end();
        CliSpec.section(s, "Help").standardHelp().end();
        spec = s;
        return s;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter human = output.human(out, err);
        if (serve) {
            return serve(out);
        }
        try (DemoServers servers = DemoServers.start(pages, Duration.ofMillis(delayMillis))) {
            List<String> urls = servers.pageUrls();
            if (human != null) {
                human.printf(Locale.ROOT, "gather demo: %d pages (%d ms each) from %s and %s%n", pages, delayMillis,
                        servers.httpBase(), servers.httpsBase());
                human.flush();
            }
            // one at a time: the same engine with one connection
            long t0 = System.nanoTime();
            PrintWriter sink = new PrintWriter(Writer.nullWriter());
            OutputOptions silent = new OutputOptions();
            silent.quiet = true;
            silent.json = true;
            int seqCode = Runner.run(options(servers, 1), source(urls), new Runner.Setup(silent, sink, sink, interrupts))
                    .exitCode();
            long sequential = System.nanoTime() - t0;
            if (human != null) {
                human.printf(Locale.ROOT, "one at a time: %.2f s%s%n", sequential / 1e9, seqCode == 0 ? "" : " (with failures)");
                human.flush();
            }
            long t1 = System.nanoTime();
            int code = Runner.run(options(servers, pages), source(urls), new Runner.Setup(output, out, err, interrupts))
                    .exitCode();
            long concurrent = System.nanoTime() - t1;
            if (human != null) {
                human.printf(Locale.ROOT, "one at a time: %.2f s; all at once: %.2f s; speedup %.1fx%n",
                        sequential / 1e9, concurrent / 1e9, (double) sequential / concurrent);
                human.flush();
            }
            return Math.max(code, seqCode == 0 ? 0 : Runner.FAILED);
        }
    }

    /**
     * {@code --serve}: the servers alone, for trying gather by hand (and for training the AOT cache
     * at build time with the servers outside the trained JVM). The demo CA goes to a temporary file,
     * removed at exit; the first output line names it. Runs until the JVM is stopped.
     */
    private int serve(PrintWriter out) throws IOException {
        Path ca = Files.createTempFile("gather-demo-ca-", ".pem");
        ca.toFile().deleteOnExit();
        Files.write(ca, DemoServers.caPem());
        DemoServers servers = DemoServers.start(pages, Duration.ofMillis(delayMillis));
        Runtime.getRuntime().addShutdownHook(new Thread(servers::close, "gather-demo-stop"));
        out.println("# gather demo --serve: " + pages + " pages, " + delayMillis + " ms each; until interrupted");
        out.println("# --cacert " + ca);
        for (String u : servers.pageUrls()) {
            out.println(u);
        }
        out.flush();
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                servers.close();
                return 130;
            }
        }
    }

    /** The pages as URL arguments, through the same input path as a user's command line. */
    private static Engine.UrlSource source(List<String> urls) throws IOException {
        return UrlInput.open(urls, null, InputStream.nullInputStream());
    }

    /** Default options, trusting the demo's certificate for this run only, never a proxy. */
    private static FetchOptions options(DemoServers servers, int parallel) {
        GatherCommand defaults = new GatherCommand();
        defaults.environment = Map.of();
        defaults.parallel = parallel;
        defaults.extraTrust = servers.trustedCertificates();
        return defaults.options();
    }
}
