package gather.cli;

import gather.http1.HttpLimits;
import gather.http1.RequestWriter;
import gather.net.ClientCertificate;
import gather.net.ConnectTo;
import gather.net.Resolver;
import gather.net.TlsSetup;
import gather.net.TransportOptions;
import gather.net.UnixSockets;
import gather.plan.CheckSet;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

/** The gather command: options of the contract, validation, and the run. */
public final class GatherCommand implements Callable<Integer> {
    static final int DEFAULT_PARALLEL = 50;

    /** This command's spec (set by {@link #commandLine}; null for the defaults DemoCommand builds). */
    CommandSpec spec;

    // The options' values: the setters of the table in declare() write them when parsed; otherwise they keep these defaults.
    List<String> urls = new ArrayList<>();
    String input;
    int parallel = DEFAULT_PARALLEL;
    int perHost;
    OutputOptions output = new OutputOptions();
    LastRunOptions lastRun = new LastRunOptions();
    Path outputDir;
    String method;
    boolean head;
    List<String> headers = new ArrayList<>();
    String data;
    String userAgent;
    boolean compressed;
    int maxRedirects = 10;
    StatusSet acceptStatus = StatusSet.DEFAULT;
    long connectTimeout = TimeUnit.SECONDS.toNanos(10);
    long readTimeout = TimeUnit.SECONDS.toNanos(30);
    long timeout = TimeUnit.SECONDS.toNanos(300);
    int retries;
    long retryMaxWait = TimeUnit.SECONDS.toNanos(60);
    boolean retryAllMethods;
    FetchOptions.RateLimit rate;
    boolean ratePerHost;
    String proxy;
    String noProxy;
    boolean ipv4;
    boolean ipv6;
    Long maxSize;
    boolean insecure;
    Path cacert;
    List<String> resolve = new ArrayList<>();
    long maxHeadSize = HttpLimits.DEFAULT.maxHeadBytes();
    long maxLineLength = HttpLimits.DEFAULT.maxLineBytes();
    int maxHeaders = HttpLimits.DEFAULT.maxHeaders();
    long maxTrailerSize = HttpLimits.DEFAULT.maxTrailerBytes();
    List<String> expectTexts = new ArrayList<>();
    List<String> expectHeaders = new ArrayList<>();
    /** --expect-regex, --expect-sha256, --expect-json, --max-ttfb, --max-latency, --cert-valid-for. */
    CheckOptions checks = new CheckOptions();
    Path cert;
    Path key;
    String certType = "PEM";
    String certPassword;
    List<String> unixSockets = new ArrayList<>();
    List<String> connectTo = new ArrayList<>();
    long limitRate;

    /** Extra trusted certificates given in code (the demo's CA), on top of --cacert. */
    List<X509Certificate> extraTrust = List.of();

    /** Where stdin comes from (tests replace it). */
    InputStream stdin = System.in;
    /** The environment for proxy variables (tests replace it). */
    Map<String, String> environment = System.getenv();

    /**
     * The command line of gather, declared once (picocli's programmatic API: no annotation, no
     * reflection): every option with its names, label, type, converter and help text, in the order of
     * the help, and the field its value goes to. The defaults are the fields' initializers above; help
     * texts that show a default name it.
     */
    private CommandSpec declare() {
        CommandSpec s = CliSpec.command(this, "gather",
                "Download many web pages at once: one virtual thread per connection, HTTP/1.1, a JSON summary.");
        s.usageMessage().footer("", "Exit status: 0 every URL succeeded; 1 at least one failed; 2 unusable command line or input;"
                + " 130 interrupted.");
        CliSpec.positional(s, PositionalParamSpec.builder().paramLabel("URL").type(List.class).auxiliaryTypes(String.class)
                .arity(CommandLine.Range.valueOf("0..1").unspecified(true)) // what picocli derives for an annotated List
                .description("URLs to fetch (no scheme means http://)."), v -> urls = list(v));
        CliSpec.option(s, OptionSpec.builder("-i", "--input").paramLabel("FILE").type(String.class)
                .description("Read URLs from FILE, one per line ('-' for stdin); blank lines and # comments skipped."),
                v -> input = (String) v);
        CliSpec.option(s, OptionSpec.builder("-j", "--parallel").paramLabel("N").type(int.class)
                .converters(new Converters.Positive())
                .description("At most N connections at once (default: " + DEFAULT_PARALLEL + ")."), v -> parallel = (Integer) v);
        CliSpec.option(s, OptionSpec.builder("--per-host").paramLabel("N").type(int.class).converters(new Converters.NonNegative())
                .description("At most N connections at once to one host:port (default: 0, no limit beyond -j)."),
                v -> perHost = (Integer) v);
        output.declare(s);
        lastRun.declare(s);
        CliSpec.option(s, OptionSpec.builder("-o", "--output-dir").paramLabel("DIR").type(Path.class)
                .description("Save each body under DIR (safe, unique names; a file appears only when complete)."),
                v -> outputDir = (Path) v);
        CliSpec.option(s, OptionSpec.builder("-X", "--method").paramLabel("M").type(String.class)
                .description("Request method (default GET, or POST with -d)."), v -> method = (String) v);
        CliSpec.option(s, OptionSpec.builder("-I", "--head").type(boolean.class)
                .description("Send HEAD requests."), v -> head = (Boolean) v);
        CliSpec.option(s, OptionSpec.builder("-H", "--header").paramLabel("'Name: value'").type(List.class)
                .auxiliaryTypes(String.class)
                .description("Extra request header (repeatable); 'Name:' with no value removes a default header."),
                v -> headers = list(v));
        CliSpec.option(s, OptionSpec.builder("-d", "--data").paramLabel("TEXT|@FILE").type(String.class)
                .description("Request body (implies POST); @FILE sends the file's bytes unchanged."), v -> data = (String) v);
        CliSpec.option(s, OptionSpec.builder("-A", "--user-agent").paramLabel("TEXT").type(String.class)
                .description("User-Agent header (default gather/VERSION)."), v -> userAgent = (String) v);
        CliSpec.option(s, OptionSpec.builder("--compressed").type(boolean.class)
                .description("Ask for gzip, deflate and br, and decode them."), v -> compressed = (Boolean) v);
        CliSpec.option(s, OptionSpec.builder("--max-redirects").paramLabel("N").type(int.class)
                .converters(new Converters.NonNegative())
                .description("Follow up to N redirects (default: 10; 0: do not follow)."), v -> maxRedirects = (Integer) v);
        CliSpec.option(s, OptionSpec.builder("--accept-status").paramLabel("LIST").type(StatusSet.class)
                .converters(new Converters.Statuses())
                .description("Statuses that count as success (default: 200-299), e.g. 200,301-304."),
                v -> acceptStatus = (StatusSet) v);
        CliSpec.option(s, OptionSpec.builder("--connect-timeout").paramLabel("S").type(long.class)
                .converters(new Converters.Seconds())
                .description("Deadline for the TCP connect and, separately, the TLS handshake (default: 10)."),
                v -> connectTimeout = (Long) v);
        CliSpec.option(s, OptionSpec.builder("--read-timeout").paramLabel("S").type(long.class)
                .converters(new Converters.Seconds())
                .description("Longest wait for the next byte from the server (default: 30; 0: none)."),
                v -> readTimeout = (Long) v);
        CliSpec.option(s, OptionSpec.builder("--timeout").paramLabel("S").type(long.class).converters(new Converters.Seconds())
                .description("Whole-request deadline per URL, redirects and retries included (default: 300; 0: none)."),
                v -> timeout = (Long) v);
        CliSpec.option(s, OptionSpec.builder("--retries").paramLabel("N").type(int.class).converters(new Converters.NonNegative())
                .description("Retry connect errors, timeouts, truncation and 408/429/500/502/503/504 up to N times"
                        + " (default: 0), with backoff, honouring Retry-After."), v -> retries = (Integer) v);
        CliSpec.option(s, OptionSpec.builder("--retry-max-wait").paramLabel("S").type(long.class)
                .converters(new Converters.Seconds())
                .description("Longest wait before a retry, Retry-After included (default: 60)."),
                v -> retryMaxWait = (Long) v);
        CliSpec.option(s, OptionSpec.builder("--retry-all-methods").type(boolean.class)
                .description("Also retry methods that are not idempotent (POST, PATCH)."), v -> retryAllMethods = (Boolean) v);
        CliSpec.option(s, OptionSpec.builder("--rate").paramLabel("N[/s|/m]").type(FetchOptions.RateLimit.class)
                .converters(new Converters.Rate())
                .description("Start at most N requests per second (or minute), composing with -j and --per-host."),
                v -> rate = (FetchOptions.RateLimit) v);
        CliSpec.option(s, OptionSpec.builder("--rate-per-host").type(boolean.class)
                .description("Apply --rate to each host:port separately instead of globally."), v -> ratePerHost = (Boolean) v);
        CliSpec.option(s, OptionSpec.builder("--proxy").paramLabel("URL").type(String.class)
                .description("HTTP proxy for every URL (CONNECT tunnel for https); overrides http_proxy/https_proxy."),
                v -> proxy = (String) v);
        CliSpec.option(s, OptionSpec.builder("--noproxy").paramLabel("LIST").type(String.class)
                .description("Comma-separated hosts (and domains) reached directly; '*' for all. Overrides no_proxy."),
                v -> noProxy = (String) v);
        CliSpec.option(s, OptionSpec.builder("-4").type(boolean.class).description("IPv4 only."), v -> ipv4 = (Boolean) v);
        CliSpec.option(s, OptionSpec.builder("-6").type(boolean.class).description("IPv6 only."), v -> ipv6 = (Boolean) v);
        CliSpec.option(s, OptionSpec.builder("--max-size").paramLabel("BYTES").type(Long.class).converters(new Converters.Size())
                .description("Fail a body larger than this (suffixes k, M, G; default: no limit)."), v -> maxSize = (Long) v);
        CliSpec.option(s, OptionSpec.builder("-k", "--insecure").type(boolean.class)
                .description("Skip certificate and host name checks."), v -> insecure = (Boolean) v);
        CliSpec.option(s, OptionSpec.builder("--cacert").paramLabel("FILE").type(Path.class)
                .description("Also trust the PEM certificates in FILE."), v -> cacert = (Path) v);
        CliSpec.option(s, OptionSpec.builder("--resolve").paramLabel("HOST:PORT:ADDR").type(List.class)
                .auxiliaryTypes(String.class)
                .description("Connect to ADDR whenever HOST:PORT is asked for (repeatable)."), v -> resolve = list(v));
        CliSpec.option(s, OptionSpec.builder("--max-head-size").paramLabel("BYTES").type(long.class)
                .converters(new Converters.Size())
                .description("Largest response head, status line and headers (default: 64k)."), v -> maxHeadSize = (Long) v);
        CliSpec.option(s, OptionSpec.builder("--max-line-length").paramLabel("BYTES").type(long.class)
                .converters(new Converters.Size())
                .description("Longest status, header or chunk-size line (default: 16k)."), v -> maxLineLength = (Long) v);
        CliSpec.option(s, OptionSpec.builder("--max-headers").paramLabel("N").type(int.class).converters(new Converters.Positive())
                .description("Most header fields in a response (default: 256)."), v -> maxHeaders = (Integer) v);
        CliSpec.option(s, OptionSpec.builder("--max-trailer-size").paramLabel("BYTES").type(long.class)
                .converters(new Converters.Size())
                .description("Largest trailer section after a chunked body (default: 16k)."), v -> maxTrailerSize = (Long) v);
        CliSpec.option(s, OptionSpec.builder("--expect-text").paramLabel("TEXT").type(List.class).auxiliaryTypes(String.class)
                .description("Fail (expectation) unless the body, decoded, contains TEXT (repeatable)."),
                v -> expectTexts = list(v));
        CliSpec.option(s, OptionSpec.builder("--expect-header").paramLabel("'Name[: value]'").type(List.class)
                .auxiliaryTypes(String.class)
                .description("Fail (expectation) unless the response has header Name (containing value) (repeatable)."),
                v -> expectHeaders = list(v));
        // ---- checks (issue 13): more --expect-* and the budgets, declared by CheckOptions ----
        checks.declare(s);
        // ---- end of checks ----
        // ---- transport (issue 14): client certificates, Unix sockets, --connect-to, --limit-rate ----
        CliSpec.option(s, OptionSpec.builder("--cert").paramLabel("FILE").type(Path.class)
                .description("Client certificate to offer when a server asks: PEM chain (with the key, or see --key),"
                        + " or PKCS#12 with --cert-type P12."), v -> cert = (Path) v);
        CliSpec.option(s, OptionSpec.builder("--key").paramLabel("FILE").type(Path.class)
                .description("Private key of --cert: PEM, unencrypted PKCS#8 (or PKCS#1 RSA); RSA, EC or EdDSA."),
                v -> key = (Path) v);
        CliSpec.option(s, OptionSpec.builder("--cert-type").paramLabel("PEM|P12").type(String.class)
                .description("Format of --cert: PEM (default) or P12 (PKCS#12)."), v -> certType = (String) v);
        CliSpec.option(s, OptionSpec.builder("--pass").paramLabel("PASS").type(String.class)
                .description("Password of a PKCS#12 --cert (default: $GATHER_CERT_PASSWORD, else empty)."),
                v -> certPassword = (String) v);
        CliSpec.option(s, OptionSpec.builder("--unix-socket").paramLabel("[HOST=]PATH").type(List.class)
                .auxiliaryTypes(String.class)
                .description("Connect over the Unix domain socket PATH instead of TCP, for every URL, or for"
                        + " URLs of HOST (repeatable); https works too (TLS checks the URL's host)."),
                v -> unixSockets = list(v));
        CliSpec.option(s, OptionSpec.builder("--connect-to").paramLabel("HOST:PORT:HOST2:PORT2").type(List.class)
                .auxiliaryTypes(String.class)
                .description("Connect to HOST2:PORT2 instead of HOST:PORT, keeping Host, TLS server name and"
                        + " certificate check of HOST (repeatable; empty parts: any / unchanged)."),
                v -> connectTo = list(v));
        CliSpec.option(s, OptionSpec.builder("--limit-rate").paramLabel("BYTES[/s]").type(long.class)
                .converters(new Converters.ByteRate())
                .description("Read at most BYTES per second over all connections together (suffixes k, M, G)."),
                v -> limitRate = (Long) v);
        // ---- end of transport ----
        CliSpec.standardHelpOptions(s);
        spec = s;
        return s;
    }

    /** The list picocli made for a multi-value option (a List&lt;String&gt;, as its type says). */
    @SuppressWarnings("unchecked")
    private static List<String> list(Object v) {
        return (List<String>) v;
    }

    @Override
    public Integer call() throws IOException {
        FetchOptions options = options();
        lastRun.load(spec.commandLine(), urls, input);
        if (urls.isEmpty() && input == null && !lastRun.rerunning()) {
            throw new ParameterException(spec.commandLine(), "no URL given: pass URLs as arguments or use -i FILE");
        }
        UrlInput source;
        try {
            source = lastRun.rerunning() ? UrlInput.open(lastRun.rerunUrls(), null, stdin) : UrlInput.open(urls, input, stdin);
        } catch (NoSuchFileException e) {
            throw new ParameterException(spec.commandLine(), "cannot read input file " + input + ": no such file");
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read input file " + input + ": " + e.getMessage());
        }
        try (source) {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int code = Runner.run(options, source, output, out, err, Version.VERSION, userAgent, lastRun.collector(),
                    lastRun.rerunning());
            if (code < 0) {
                throw new ParameterException(spec.commandLine(), "no URL given: " + input + " holds no URL");
            }
            return lastRun.finish(code, output, out, err);
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
        return new FetchOptions(m, hs, body, compressed, maxRedirects, connectTimeout, readTimeout, timeout,
                retries, retryAllMethods, retryMaxWait, maxSize == null ? -1 : maxSize, insecure, trust, resolveMap,
                ipv4 ? Resolver.Family.V4 : ipv6 ? Resolver.Family.V6 : Resolver.Family.ANY, proxyConfig(), outputDir,
                limits, parallel, perHost, rate, ratePerHost, checkSet(), transportOptions());
    }

    /** --cert/--key/--cert-type/--pass, --unix-socket, --connect-to, --limit-rate. */
    private TransportOptions transportOptions() {
        ClientCertificate clientCertificate = null;
        String type = certType.toUpperCase(Locale.ROOT);
        if (!type.equals("PEM") && !type.equals("P12")) {
            throw usage("--cert-type must be PEM or P12, not '" + printable(certType) + "'");
        }
        if (cert == null && key != null) {
            throw usage("--key needs --cert");
        }
        if (cert != null) {
            try {
                if (type.equals("P12")) {
                    if (key != null) {
                        throw usage("--key is not used with --cert-type P12 (the key is in the PKCS#12 file)");
                    }
                    String pass = certPassword != null ? certPassword : environment.get("GATHER_CERT_PASSWORD");
                    clientCertificate = ClientCertificate.pkcs12(cert, (pass == null ? "" : pass).toCharArray());
                } else {
                    clientCertificate = ClientCertificate.pem(cert, key);
                }
            } catch (IllegalArgumentException e) {
                throw usage("cannot use --cert: " + e.getMessage());
            }
        }
        Path allSocket = null;
        Map<String, Path> socketByHost = new LinkedHashMap<>();
        for (String u : unixSockets) {
            int eq = u.indexOf('=');
            boolean forHost = eq > 0 && u.lastIndexOf('/', eq) < 0;
            String path = forHost ? u.substring(eq + 1) : u;
            if (path.isEmpty()) {
                throw usage("--unix-socket '" + printable(u) + "' has no PATH");
            }
            Path p;
            try {
                p = Path.of(path);
            } catch (java.nio.file.InvalidPathException e) {
                throw usage("--unix-socket '" + printable(u) + "': invalid path");
            }
            if (forHost) {
                socketByHost.put(u.substring(0, eq).toLowerCase(Locale.ROOT), p);
            } else if (allSocket != null) {
                throw usage("--unix-socket PATH given twice (for one host: --unix-socket HOST=PATH)");
            } else {
                allSocket = p;
            }
        }
        List<ConnectTo> rules = new ArrayList<>();
        for (String c : connectTo) {
            try {
                rules.add(ConnectTo.parse(c));
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
        return new TransportOptions(clientCertificate, new UnixSockets(allSocket, socketByHost), rules, limitRate);
    }

    /** Every URL's checks: --accept-status, --expect-text, --expect-header, then those of {@link CheckOptions}. */
    private CheckSet checkSet() {
        List<CheckSet.HeaderExpectation> eh = new ArrayList<>();
        for (String h : expectHeaders) {
            int colon = h.indexOf(':');
            String name = (colon < 0 ? h : h.substring(0, colon)).strip();
            String value = colon < 0 ? "" : h.substring(colon + 1).strip();
            if (!RequestWriter.validName(name)) {
                throw usage("--expect-header '" + printable(h) + "' is not 'Name' or 'Name: value'");
            }
            eh.add(new CheckSet.HeaderExpectation(name, value));
        }
        for (String t : expectTexts) {
            if (t.isEmpty()) {
                throw usage("--expect-text needs a non-empty TEXT");
            }
        }
        return checks.addTo(CheckSet.DEFAULT.withStatus(acceptStatus).withTexts(expectTexts).withHeaders(eh));
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

    /**
     * True when an argument is "demo" (anywhere: picocli matches a subcommand name wherever it
     * is not an option's value) or may ask for help: --help, or a cluster of short options that
     * holds an h (-h, -qh; also -jh, where h is -j's value: a false yes only costs time).
     */
    static boolean mayUseSubcommands(String[] args) {
        for (String a : args) {
            if (a.equals("demo") || a.equals("--help")
                    || (a.length() > 1 && a.charAt(0) == '-' && a.charAt(1) != '-' && a.indexOf('h') > 0)) {
                return true;
            }
        }
        return false;
    }

    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }

    /** The configured command line with every subcommand. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, null);
    }

    /**
     * The one factory for a configured command line, used by main and by tests: for these
     * arguments (null: any). The {@code demo} subcommand is left out when the arguments can
     * neither name it nor ask for help (which lists it): building it costs a second picocli
     * interpreter, 3-7 ms of a one-URL run, and only changes what such arguments could never see.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, String[] args) {
        CommandLine cl = new CommandLine(new GatherCommand().declare());
        if (args == null || mayUseSubcommands(args)) {
            cl.addSubcommand("demo", new CommandLine(new DemoCommand().declare()));
        }
        cl.addSubcommand("diff", new CommandLine(new DiffCommand().declare()));
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
        cl.setParameterExceptionHandler((ex, badArgs) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("gather: " + ex.getMessage());
            cmd.getErr().println("Try 'gather --help' for more information.");
            cmd.getErr().flush();
            return Runner.USAGE;
        });
        return cl;
    }
}
