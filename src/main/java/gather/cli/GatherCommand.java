package gather.cli;

import gather.http1.HttpLimits;
import gather.http1.RequestWriter;
import gather.net.Resolver;
import gather.net.TlsSetup;
import gather.plan.FetchOptions;
import gather.plan.ProxyConfig;
import gather.plan.StatusSet;
import gather.plan.Target;
import gather.result.FetchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The gather command: options of the contract, validation, and the run. */
@Command(name = "gather", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Download many web pages at once: one virtual thread per connection, HTTP/1.1, a JSON summary.",
        subcommands = DemoCommand.class,
        footer = {"", "Exit status: 0 every URL succeeded; 1 at least one failed; 2 unusable command line or input;"
                + " 130 interrupted."})
public final class GatherCommand implements Callable<Integer> {
    static final int DEFAULT_PARALLEL = 50;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "URL", description = "URLs to fetch (no scheme means http://).")
    List<String> urls = new ArrayList<>();

    @Option(names = {"-i", "--input"}, paramLabel = "FILE",
            description = "Read URLs from FILE, one per line ('-' for stdin); blank lines and # comments skipped.")
    String input;

    @Option(names = {"-j", "--parallel"}, paramLabel = "N", converter = Converters.Positive.class,
            description = "At most N connections at once (default: ${DEFAULT-VALUE}).")
    int parallel = DEFAULT_PARALLEL;

    @Option(names = "--per-host", paramLabel = "N", converter = Converters.NonNegative.class,
            description = "At most N connections at once to one host:port (default: 0, no limit beyond -j).")
    int perHost;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR",
            description = "Save each body under DIR (safe, unique names; a file appears only when complete).")
    Path outputDir;

    @Option(names = {"-X", "--method"}, paramLabel = "M", description = "Request method (default GET, or POST with -d).")
    String method;

    @Option(names = {"-I", "--head"}, description = "Send HEAD requests.")
    boolean head;

    @Option(names = {"-H", "--header"}, paramLabel = "'Name: value'",
            description = "Extra request header (repeatable); 'Name:' with no value removes a default header.")
    List<String> headers = new ArrayList<>();

    @Option(names = {"-d", "--data"}, paramLabel = "TEXT|@FILE",
            description = "Request body (implies POST); @FILE sends the file's bytes unchanged.")
    String data;

    @Option(names = {"-A", "--user-agent"}, paramLabel = "TEXT", description = "User-Agent header (default gather/VERSION).")
    String userAgent;

    @Option(names = "--compressed", description = "Ask for gzip, deflate and br, and decode them.")
    boolean compressed;

    @Option(names = "--max-redirects", paramLabel = "N", converter = Converters.NonNegative.class,
            description = "Follow up to N redirects (default: ${DEFAULT-VALUE}; 0: do not follow).")
    int maxRedirects = 10;

    @Option(names = "--accept-status", paramLabel = "LIST", converter = Converters.Statuses.class,
            description = "Statuses that count as success (default: 200-299), e.g. 200,301-304.")
    StatusSet acceptStatus = StatusSet.DEFAULT;

    @Option(names = "--connect-timeout", paramLabel = "S", converter = Converters.Seconds.class,
            description = "Deadline for the TCP connect and, separately, the TLS handshake (default: 10).")
    long connectTimeout = TimeUnit.SECONDS.toNanos(10);

    @Option(names = "--read-timeout", paramLabel = "S", converter = Converters.Seconds.class,
            description = "Longest wait for the next byte from the server (default: 30; 0: none).")
    long readTimeout = TimeUnit.SECONDS.toNanos(30);

    @Option(names = "--timeout", paramLabel = "S", converter = Converters.Seconds.class,
            description = "Whole-request deadline per URL, redirects and retries included (default: 300; 0: none).")
    long timeout = TimeUnit.SECONDS.toNanos(300);

    @Option(names = "--retries", paramLabel = "N", converter = Converters.NonNegative.class,
            description = "Retry connect errors, timeouts, truncation and 408/429/500/502/503/504 up to N times"
                    + " (default: 0), with backoff, honouring Retry-After.")
    int retries;

    @Option(names = "--retry-max-wait", paramLabel = "S", converter = Converters.Seconds.class,
            description = "Longest wait before a retry, Retry-After included (default: 60).")
    long retryMaxWait = TimeUnit.SECONDS.toNanos(60);

    @Option(names = "--retry-all-methods", description = "Also retry methods that are not idempotent (POST, PATCH).")
    boolean retryAllMethods;

    @Option(names = "--rate", paramLabel = "N[/s|/m]", converter = Converters.Rate.class,
            description = "Start at most N requests per second (or minute), composing with -j and --per-host.")
    FetchOptions.RateLimit rate;

    @Option(names = "--rate-per-host", description = "Apply --rate to each host:port separately instead of globally.")
    boolean ratePerHost;

    @Option(names = "--proxy", paramLabel = "URL",
            description = "HTTP proxy for every URL (CONNECT tunnel for https); overrides http_proxy/https_proxy.")
    String proxy;

    @Option(names = "--noproxy", paramLabel = "LIST",
            description = "Comma-separated hosts (and domains) reached directly; '*' for all. Overrides no_proxy.")
    String noProxy;

    @Option(names = "-4", description = "IPv4 only.")
    boolean ipv4;

    @Option(names = "-6", description = "IPv6 only.")
    boolean ipv6;

    @Option(names = "--max-size", paramLabel = "BYTES", converter = Converters.Size.class,
            description = "Fail a body larger than this (suffixes k, M, G; default: no limit).")
    Long maxSize;

    @Option(names = {"-k", "--insecure"}, description = "Skip certificate and host name checks.")
    boolean insecure;

    @Option(names = "--cacert", paramLabel = "FILE", description = "Also trust the PEM certificates in FILE.")
    Path cacert;

    @Option(names = "--resolve", paramLabel = "HOST:PORT:ADDR",
            description = "Connect to ADDR whenever HOST:PORT is asked for (repeatable).")
    List<String> resolve = new ArrayList<>();

    @Option(names = "--max-head-size", paramLabel = "BYTES", converter = Converters.Size.class,
            description = "Largest response head, status line and headers (default: 64k).")
    long maxHeadSize = HttpLimits.DEFAULT.maxHeadBytes();

    @Option(names = "--max-line-length", paramLabel = "BYTES", converter = Converters.Size.class,
            description = "Longest status, header or chunk-size line (default: 16k).")
    long maxLineLength = HttpLimits.DEFAULT.maxLineBytes();

    @Option(names = "--max-headers", paramLabel = "N", converter = Converters.Positive.class,
            description = "Most header fields in a response (default: 256).")
    int maxHeaders = HttpLimits.DEFAULT.maxHeaders();

    @Option(names = "--max-trailer-size", paramLabel = "BYTES", converter = Converters.Size.class,
            description = "Largest trailer section after a chunked body (default: 16k).")
    long maxTrailerSize = HttpLimits.DEFAULT.maxTrailerBytes();

    @Option(names = "--expect-text", paramLabel = "TEXT",
            description = "Fail (expectation) unless the body, decoded, contains TEXT (repeatable).")
    List<String> expectTexts = new ArrayList<>();

    @Option(names = "--expect-header", paramLabel = "'Name[: value]'",
            description = "Fail (expectation) unless the response has header Name (containing value) (repeatable).")
    List<String> expectHeaders = new ArrayList<>();

    /** Extra trusted certificates given in code (the demo's CA), on top of --cacert. */
    List<X509Certificate> extraTrust = List.of();

    /** Where stdin comes from (tests replace it). */
    InputStream stdin = System.in;
    /** The environment for proxy variables (tests replace it). */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws IOException {
        FetchOptions options = options();
        if (urls.isEmpty() && input == null) {
            throw new ParameterException(spec.commandLine(), "no URL given: pass URLs as arguments or use -i FILE");
        }
        UrlInput source;
        try {
            source = UrlInput.open(urls, input, stdin);
        } catch (NoSuchFileException e) {
            throw new ParameterException(spec.commandLine(), "cannot read input file " + input + ": no such file");
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read input file " + input + ": " + e.getMessage());
        }
        try (source) {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int code = Runner.run(options, source, output, out, err, Version.VERSION, userAgent);
            if (code < 0) {
                throw new ParameterException(spec.commandLine(), "no URL given: " + input + " holds no URL");
            }
            return code;
        }
    }

    /** For in-process tests: stdin and the environment (proxy variables) to use instead of the real ones. */
    public static void testHooks(GatherCommand cmd, InputStream stdin, Map<String, String> environment) {
        cmd.stdin = stdin;
        cmd.environment = environment;
    }

    /** Validates the options into the engine's terms; bad values are usage errors (exit 2). */
    FetchOptions options() {
        if (output.json && output.jsonl) {
            throw usage("--json and --jsonl cannot be used together");
        }
        if (ipv4 && ipv6) {
            throw usage("-4 and -6 cannot be used together");
        }
        String m = method != null ? method : head ? "HEAD" : data != null ? "POST" : "GET";
        if (head && method != null && !method.equals("HEAD")) {
            throw usage("-I and -X " + method + " contradict each other");
        }
        if (userAgent != null && !RequestWriter.validValue(userAgent)) {
            throw usage("--user-agent holds characters that cannot be sent (CR, LF, NUL, ...)");
        }
        if (output.summaryFile != null) {
            Path parent = output.summaryFile.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw usage("cannot write --summary-file " + output.summaryFile + ": " + parent + " is not a directory");
            }
            if (Files.isDirectory(output.summaryFile)) {
                throw usage("cannot write --summary-file " + output.summaryFile + ": it is a directory");
            }
        }
        if (!RequestWriter.validName(m)) {
            throw usage("invalid method '" + printable(m) + "'");
        }
        List<FetchOptions.Header> hs = new ArrayList<>();
        for (String h : headers) {
            int colon = h.indexOf(':');
            if (colon <= 0) {
                throw usage("header '" + printable(h) + "' is not of the form 'Name: value'");
            }
            String name = h.substring(0, colon).strip();
            String value = h.substring(colon + 1).strip();
            if (!RequestWriter.validName(name) || !RequestWriter.validValue(value)) {
                throw usage("header '" + printable(h) + "' holds characters that cannot be sent (CR, LF, NUL, ...)");
            }
            hs.add(new FetchOptions.Header(name, value));
        }
        byte[] body = null;
        if (data != null) {
            if (data.startsWith("@")) {
                try {
                    body = Files.readAllBytes(Path.of(data.substring(1)));
                } catch (IOException e) {
                    throw usage("cannot read request body file " + data.substring(1) + ": " + e.getMessage());
                }
            } else {
                body = data.getBytes(StandardCharsets.UTF_8);
            }
        }
        List<X509Certificate> trust = new ArrayList<>(extraTrust);
        if (cacert != null) {
            try {
                trust.addAll(TlsSetup.readPem(cacert));
            } catch (IOException | IllegalArgumentException e) {
                throw usage("cannot use --cacert " + cacert + ": " + e.getMessage());
            }
        }
        Map<String, String> resolveMap = new LinkedHashMap<>();
        for (String r : resolve) {
            // HOST:PORT:ADDR, ADDR may be an IPv6 literal with or without brackets
            String[] parts = r.split(":", 3);
            if (parts.length != 3 || parts[0].isEmpty() || !parts[1].matches("[0-9]{1,5}|\\*") || parts[2].isEmpty()) {
                throw usage("--resolve '" + r + "' is not HOST:PORT:ADDR");
            }
            String addr = parts[2].startsWith("[") && parts[2].endsWith("]")
                    ? parts[2].substring(1, parts[2].length() - 1) : parts[2];
            if (!addr.matches("[0-9.]+|[0-9A-Fa-f:.]+")) {
                throw usage("--resolve '" + r + "': ADDR must be an IP address");
            }
            resolveMap.put(parts[0].toLowerCase(Locale.ROOT) + ":" + parts[1], addr);
        }
        HttpLimits limits = new HttpLimits(intSize(maxHeadSize, "--max-head-size"), intSize(maxLineLength, "--max-line-length"),
                maxHeaders, HttpLimits.DEFAULT.maxChunkLineBytes(), intSize(maxTrailerSize, "--max-trailer-size"));
        return new FetchOptions(m, hs, body, compressed, maxRedirects, acceptStatus, connectTimeout, readTimeout, timeout,
                retries, retryAllMethods, retryMaxWait, maxSize == null ? -1 : maxSize, insecure, trust, resolveMap,
                ipv4 ? Resolver.Family.V4 : ipv6 ? Resolver.Family.V6 : Resolver.Family.ANY, proxyConfig(), outputDir,
                limits, parallel, perHost, rate, ratePerHost, expectations());
    }

    private FetchOptions.Expectations expectations() {
        List<FetchOptions.Header> eh = new ArrayList<>();
        for (String h : expectHeaders) {
            int colon = h.indexOf(':');
            String name = (colon < 0 ? h : h.substring(0, colon)).strip();
            String value = colon < 0 ? "" : h.substring(colon + 1).strip();
            if (!RequestWriter.validName(name)) {
                throw usage("--expect-header '" + printable(h) + "' is not 'Name' or 'Name: value'");
            }
            eh.add(new FetchOptions.Header(name, value));
        }
        for (String t : expectTexts) {
            if (t.isEmpty()) {
                throw usage("--expect-text needs a non-empty TEXT");
            }
        }
        return new FetchOptions.Expectations(List.copyOf(expectTexts), eh);
    }

    private ProxyConfig proxyConfig() {
        String httpP;
        String httpsP;
        String no;
        if (proxy != null) {
            httpP = proxy;
            httpsP = proxy;
        } else {
            httpP = env("http_proxy");
            httpsP = env("https_proxy");
        }
        no = noProxy != null ? noProxy : env("no_proxy");
        List<String> noList = no == null ? List.of() : Arrays.asList(no.split(","));
        return new ProxyConfig(proxyTarget(httpP), proxyTarget(httpsP), noList);
    }

    private String env(String lower) {
        String v = environment.get(lower);
        if (v == null || v.isBlank()) {
            v = environment.get(lower.toUpperCase(Locale.ROOT));
        }
        return v == null || v.isBlank() ? null : v.strip();
    }

    private Target proxyTarget(String url) {
        if (url == null) {
            return null;
        }
        try {
            Target t = Target.parse(url);
            if (t.https()) {
                throw usage("proxy " + url + ": only http:// proxies are supported");
            }
            return t;
        } catch (FetchException e) {
            throw usage("invalid proxy URL '" + printable(url) + "': " + e.getMessage());
        }
    }

    private int intSize(long v, String option) {
        if (v < 1 || v > Integer.MAX_VALUE) {
            throw usage(option + " must be between 1 and " + Integer.MAX_VALUE);
        }
        return (int) v;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }

    /** The one factory for a configured command line, used by main and by tests. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new GatherCommand());
        cl.setExpandAtFiles(false); // or "-d @body.json" would be swallowed as an @-file
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            cmd.getErr().println("gather: internal error: " + ex);
            if (parseResult.hasMatchedOption("--debug")) {
                for (StackTraceElement e : ex.getStackTrace()) {
                    cmd.getErr().println("\tat " + e);
                }
            }
            cmd.getErr().flush();
            return Runner.FAILED;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("gather: " + ex.getMessage());
            cmd.getErr().println("Try 'gather --help' for more information.");
            cmd.getErr().flush();
            return Runner.USAGE;
        });
        return cl;
    }
}
