package gather.cli;

import gather.engine.Engine;
import gather.http1.HttpLimits;
import gather.http1.RequestWriter;
import gather.net.Resolver;
import gather.net.TlsSetup;
import gather.plan.CheckSet;
import gather.plan.FetchOptions;
import gather.plan.CurlHints;
import gather.plan.ProxyConfig;
import gather.plan.SaveTo;
import gather.plan.StatusSet;
import gather.plan.Target;
import gather.report.Redactor;
import gather.result.ErrorKind;
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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
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
    SaveOptions save = new SaveOptions();
    LastRunOptions lastRun = new LastRunOptions();
    String method;
    boolean head;
    String user;
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
    /** --cert, --key, --cert-type, --pass, --unix-socket, --connect-to, --limit-rate. */
    TransportArgs transport = new TransportArgs();
    boolean noRateLimitHeaders;
    String shardText;
    String allowErrors;
    boolean failOnFlaky;
    /** -C's argument ('-' is the only one taken), or null. */
    String continueAt;
    boolean resume;
    boolean timestamping;
    boolean verbose;
    List<String> secrets = new ArrayList<>();
    List<String> secretEnvs = new ArrayList<>();

    /** Extra trusted certificates given in code (the demo's CA), on top of --cacert. */
    List<X509Certificate> extraTrust = List.of();

    /** Ctrl-C for this process (the factory sets it; none() for defaults made in code). */
    Interrupts interrupts = Interrupts.none();
    /** Where stdin comes from (tests replace it). */
    InputStream stdin = System.in;
    /** The environment for proxy variables (tests replace it). */
    Map<String, String> environment = System.getenv();

    /**
     * The command line of gather, declared once (picocli's programmatic API, see {@link CliSpec}):
     * one line per option, grouped by theme as --help shows them, with the field its value goes
     * to. The defaults are the fields' initializers above; help texts that show a default name it.
     */
    CommandSpec declare() {
        CommandSpec s = CliSpec.command(this, "gather",
                "Download many web pages at once: one virtual thread per connection, HTTP/1.1, a JSON summary.");
        s.usageMessage().footer(FOOTER).customSynopsis("gather [OPTIONS] URL...", "       gather [OPTIONS] -i FILE",
                "       gather COMMAND [OPTIONS]   (demo, diff, merge, completion, manpage)");
        CliSpec.positional(s, PositionalParamSpec.builder().paramLabel("URL").type(List.class).auxiliaryTypes(String.class)
                .arity(CommandLine.Range.valueOf("0..1").unspecified(true)) // what picocli derives for an annotated List
                .description("URLs to fetch (no scheme means http://)."), v -> urls = list(v));
        CliSpec.section(s, "Input and concurrency")
                .text("-i, --input=FILE", "Read URLs from FILE, one per line ('-' for stdin); blank lines and # comments"
                        + " (a line starting with #, or # after white space) skipped.", v -> input = v)
                .text("--shard=K/N|auto", "Fetch only this share of the input: the URLs at input positions p with"
                        + " p mod N = K-1 (results keep their index; gather merge joins the shards). auto: from the CI"
                        + " runner (CI_NODE_INDEX/CI_NODE_TOTAL, or JOB_COMPLETION_INDEX with auto/N).", v -> shardText = v)
                .value("-j, --parallel=N", int.class, new Converters.Positive(),
                        "At most N connections at once (default: " + DEFAULT_PARALLEL + ").", v -> parallel = v)
                .value("--per-host=N", int.class, new Converters.NonNegative(),
                        "At most N connections at once to one host:port (default: 0, no limit beyond -j).", v -> perHost = v)
                .value("--rate=N[/s|/m]", FetchOptions.RateLimit.class, new Converters.Rate(),
                        "Start at most N requests per second (or minute), composing with -j and --per-host.", v -> rate = v)
                .flag("--rate-per-host", "Apply --rate to each host:port separately instead of globally.", v -> ratePerHost = v)
                .flag("--no-rate-limit-headers", "Ignore the rate-limit headers a server sends (RateLimit,"
                        + " RateLimit-Policy, X-RateLimit-Remaining/-Reset); by default a host that says its quota runs low"
                        + " is slowed down (waits capped by --retry-max-wait).", v -> noRateLimitHeaders = v)
                .end();
        output.declare(CliSpec.section(s, "Output"))
                .value("--junit=FILE", Path.class, null, "Also write JUnit XML to FILE: a test case per URL, a failure"
                        + " per failed check (for Jenkins, GitLab, GitHub test reporters).", v -> output.junit = v)
                .value("--markdown=FILE", Path.class, null, "Also write a markdown summary to FILE: the totals and a table"
                        + " of the failures.", v -> output.markdown = v)
                .flag("--github", "GitHub Actions mode (on by itself when GITHUB_ACTIONS=true): an ::error annotation"
                        + " per failure, at its batch file's line, and the markdown summary appended to"
                        + " $GITHUB_STEP_SUMMARY.", v -> output.github = v)
                .value("--report=FILE.html", Path.class, null, "Also write an HTML report to FILE: totals, a waterfall of"
                        + " every request, a latency histogram, failures by kind (one self-contained page, no network).",
                        v -> output.report = v)
                .flag("-v, --verbose", "Show each exchange's request and response heads on stderr, as curl -v"
                        + " (credentials hidden).", v -> verbose = v)
                .values("--secret=VALUE", String.class, null, "A value never printed anywhere (lines, messages, JSON, -v,"
                        + " reproduce): shown as " + Redactor.PLACEHOLDER + " (repeatable).", v -> secrets = v)
                .values("--secret-env=NAME", String.class, null, "Like --secret, the value of environment variable NAME"
                        + " (keeps it out of the command line; repeatable).", v -> secretEnvs = v)
                .end();
        save.declare(CliSpec.section(s, "Saving bodies"))
                .text("-C=-", "As curl's '-C -': same as --continue.", v -> continueAt = v)
                .flag("--continue", "With --output-dir: resume a file an earlier run left incomplete (Range, guarded by"
                        + " If-Range), and keep what arrived when a transfer breaks (DIR/.NAME.gather-part).", v -> resume = v)
                .flag("-N, --timestamping", "With --output-dir: ask only for what changed since the last run"
                        + " (If-None-Match, If-Modified-Since from DIR/.gather-validators.json); a 304 keeps the file and"
                        + " counts as ok.", v -> timestamping = v)
                .end();
        CliSpec.section(s, "Request")
                .text("-X, --method=M", "Request method (default GET, or POST with -d).", v -> method = v)
                .flag("-I, --head", "Send HEAD requests.", v -> head = v)
                .values("-H, --header='Name: value'", String.class, null,
                        "Extra request header (repeatable); 'Name:' with no value removes a default header.", v -> headers = v)
                .text("-d, --data=TEXT|@FILE", "Request body (implies POST); @FILE sends the file's bytes unchanged.",
                        v -> data = v)
                .text("-u, --user=USER:PASSWORD", "Basic authentication (Authorization header; never printed, not sent"
                        + " to another origin after a redirect, as -H Authorization).", v -> user = v)
                .text("-A, --user-agent=TEXT", "User-Agent header (default gather/VERSION).", v -> userAgent = v)
                .flag("--compressed", "Ask for gzip, deflate and br, and decode them.", v -> compressed = v)
                .flag("-L, --location", "Follow redirects: gather's default (see --max-redirects); accepted for curl's sake.",
                        v -> { })
                .value("--max-redirects=N", int.class, new Converters.NonNegative(),
                        "Follow up to N redirects (default: 10; 0: do not follow).", v -> maxRedirects = v)
                .end();
        checks.declare(CliSpec.section(s, "What counts as success (each failure is one error kind)")
                .flag("-f, --fail", "Fail on HTTP errors: gather's default (see --accept-status); accepted for curl's sake.",
                        v -> { })
                .value("--accept-status=LIST", StatusSet.class, new Converters.Statuses(),
                        "Statuses that count as success (default: 200-299), e.g. 200,301-304.", v -> acceptStatus = v)
                .value("--allow-error=KINDS", String.class, null, "Report failures of these error kinds (comma-separated,"
                        + " e.g. timeout,connect) as warnings (WARN, allowed: true) that do not fail the run.",
                        v -> allowErrors = v)
                .flag("--fail-on-flaky", "A URL that succeeded only after a retry fails the run (it stays ok).",
                        v -> failOnFlaky = v)
                .values("--expect-text=TEXT", String.class, null,
                        "Fail (expectation) unless the body, decoded, contains TEXT (repeatable).", v -> expectTexts = v)
                .values("--expect-header='Name[: value]'", String.class, null,
                        "Fail (expectation) unless the response has header Name (containing value) (repeatable).",
                        v -> expectHeaders = v)).end();
        lastRun.declare(CliSpec.section(s, "Against an earlier run")).end();
        CliSpec.section(s, "Time and retries (seconds, fractions allowed)")
                .value("--connect-timeout=S", long.class, new Converters.Seconds(),
                        "Deadline for the TCP connect and, separately, the TLS handshake (default: 10).", v -> connectTimeout = v)
                .value("--read-timeout=S", long.class, new Converters.Seconds(),
                        "Longest wait for the next byte from the server (default: 30; 0: none).", v -> readTimeout = v)
                .value("-m, --max-time, --timeout=S", long.class, new Converters.Seconds(), "Whole-request deadline per URL,"
                        + " redirects and retries included (default: 300; 0: none).", v -> timeout = v)
                .value("--retries=N", int.class, new Converters.NonNegative(), "Retry connect errors, timeouts, truncation"
                        + " and 408/429/500/502/503/504 up to N times (default: 0), with backoff, honouring Retry-After.",
                        v -> retries = v)
                .value("--retry-max-wait=S", long.class, new Converters.Seconds(),
                        "Longest wait before a retry, Retry-After included (default: 60).", v -> retryMaxWait = v)
                .flag("--retry-all-methods", "Also retry methods that are not idempotent (POST, PATCH).",
                        v -> retryAllMethods = v)
                .end();
        CliSpec.section(s, "Network and TLS")
                .text("-x, --proxy=URL", "HTTP proxy for every URL (CONNECT tunnel for https); overrides"
                        + " http_proxy/https_proxy.", v -> proxy = v)
                .text("--noproxy=LIST", "Comma-separated hosts (and domains) reached directly; '*' for all. Overrides"
                        + " no_proxy.", v -> noProxy = v)
                .flag("-4", "IPv4 only.", v -> ipv4 = v)
                .flag("-6", "IPv6 only.", v -> ipv6 = v)
                .values("--resolve=HOST:PORT:ADDR", String.class, null,
                        "Connect to ADDR whenever HOST:PORT is asked for (repeatable).", v -> resolve = v)
                .flag("-k, --insecure", "Skip certificate and host name checks.", v -> insecure = v)
                .value("--cacert=FILE", Path.class, null, "Also trust the PEM certificates in FILE.", v -> cacert = v)
                .end();
        transport.declare(CliSpec.section(s, "Transport: client certificates, Unix sockets, --connect-to, --limit-rate"))
                .end();
        CliSpec.section(s, "Limits on what a server sends (BYTES: suffixes k, M, G)")
                .value("--max-size=BYTES", Long.class, new Converters.Size(),
                        "Fail a body larger than this (default: no limit).", v -> maxSize = v)
                .value("--max-head-size=BYTES", long.class, new Converters.Size(),
                        "Largest response head, status line and headers (default: 256k).", v -> maxHeadSize = v)
                .value("--max-line-length=BYTES", long.class, new Converters.Size(),
                        "Longest status or header line (default: 100k, as curl).", v -> maxLineLength = v)
                .value("--max-headers=N", int.class, new Converters.Positive(),
                        "Most header fields in a response (default: 256).", v -> maxHeaders = v)
                .value("--max-trailer-size=BYTES", long.class, new Converters.Size(),
                        "Largest trailer section after a chunked body (default: 16k).", v -> maxTrailerSize = v)
                .end();
        CliSpec.section(s, "Help").flag("--no-config", "Do not read the config file of default options (below).", v -> { })
                .standardHelp().end();
        spec = s;
        return s;
    }

    /** After the options in --help: the subcommands' rule, and the exit codes. */
    private static final String[] FOOTER = {
        "",
        "A first argument that names a subcommand (demo, diff, merge, completion, manpage) runs it; to fetch a host of that name:",
        "  gather http://demo/      (with a scheme)",
        "  gather -- demo           (URLs after --)",
        "",
        "Default options are read from $GATHER_CONFIG, else $XDG_CONFIG_HOME/gather/config, else",
        "~/.config/gather/config: one option per line as on the command line (# comments); the command line",
        "overrides them, repeatable options (-H, ...) add to them; --no-config skips the file.",
        "",
        "Exit status: 0 every URL succeeded; 1 at least one failed; 2 unusable command line or input;"
                + " 130 interrupted.",
    };

    /** The list picocli made for a multi-value option (a List&lt;String&gt;, as its type says). */
    @SuppressWarnings("unchecked")
    private static List<String> list(Object v) {
        return (List<String>) v;
    }

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        FetchOptions options = options();
        lastRun.load(cl, urls, input);
        if (urls.isEmpty() && input == null && !lastRun.rerunning()) {
            throw new ParameterException(cl, "no URL given: pass URLs as arguments or use -i FILE");
        }
        UrlInput source;
        try {
            UrlInput.validate(lastRun.rerunning() ? null : input, options.checks());
            source = lastRun.rerunning() ? UrlInput.open(lastRun.rerunUrls(), null, stdin)
                    : UrlInput.open(urls, input, stdin, options.checks());
        } catch (UrlInput.BadLine e) {
            throw new ParameterException(cl, e.getMessage());
        } catch (NoSuchFileException e) {
            throw new ParameterException(cl, "cannot read input file " + input + ": no such file");
        } catch (IOException e) {
            throw new ParameterException(cl, "cannot read input file " + input + ": " + e.getMessage());
        }
        output.style = humanStyle();
        output.ci = CiContext.of(output.github, environment, lastRun.rerunning() ? null : input);
        try (source) {
            PrintWriter out = cl.getOut();
            PrintWriter err = cl.getErr();
            Engine.UrlSource urlSource = save.single() ? save.oneUrl(cl, source) : source;
            if (shardText != null) {
                try {
                    output.shard = Shard.parse(shardText, environment);
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(cl, e.getMessage());
                }
                urlSource = new Shard(urlSource, output.shard.index(), output.shard.total());
            }
            // -o -: stdout carries the body alone; human lines and the summary go to stderr
            Runner.Setup setup = new Runner.Setup(output, save.toStdout() ? err : out, err, interrupts, userAgent,
                    lastRun.collector(), lastRun.rerunning(), new Visibility(verbose, head, redactor(true)),
                    new ExitPolicy(errorKinds(allowErrors), failOnFlaky));
            Runner.Outcome outcome = Runner.run(options, urlSource, setup);
            if (outcome instanceof Runner.Outcome.NoUrls) {
                throw new ParameterException(cl, "no URL given: " + input + " holds no URL");
            }
            return lastRun.finish(outcome.exitCode(), output, setup.out(), err);
        }
    }

    /** For in-process tests: stdin and the environment (proxy variables) to use instead of the real ones. */
    public static void testHooks(GatherCommand cmd, InputStream stdin, Map<String, String> environment) {
        cmd.stdin = stdin;
        cmd.environment = environment;
    }

    /** Colour and progress for this run; the input is counted up front only for a progress line on a terminal. */
    private HumanStyle humanStyle() {
        boolean humanOnErr = output.json || output.jsonl || save.toStdout();
        HumanStyle style = HumanStyle.of(output.color, output.noColor, environment, humanOnErr, output.quiet, -1);
        if (style.progress() && style.live()) {
            long total = lastRun.rerunning() ? lastRun.rerunUrls().size() : UrlInput.count(urls, input);
            style = new HumanStyle(style.colour(), true, true, total);
        }
        return style;
    }

    /**
     * The run's secrets: --secret values and the --secret-env variables' values.
     *
     * @param strict a --secret-env variable that is unset or empty is a usage error (else it is skipped)
     */
    Redactor redactor(boolean strict) {
        List<String> values = new ArrayList<>();
        for (String v : secrets) {
            if (v.isEmpty() && strict) {
                throw usage("--secret needs a non-empty VALUE");
            }
            values.add(v);
        }
        for (String name : secretEnvs) {
            String v = environment.get(name);
            if ((v == null || v.isEmpty()) && strict) {
                throw usage("--secret-env " + name + ": the environment variable is not set");
            }
            values.add(v);
        }
        return Redactor.of(values);
    }

    /** The redactor for a message printed outside a run (a usage or internal error): never fails. */
    static Redactor redactorOf(CommandLine cmd) {
        return cmd.getCommand() instanceof GatherCommand g ? g.redactor(false) : Redactor.NONE;
    }

    /** Validates the options into the engine's terms; bad values are usage errors (exit 2). */
    FetchOptions options() {
        if (output.json && output.jsonl) {
            throw usage("--json and --jsonl cannot be used together");
        }
        if (continueAt != null && !continueAt.equals("-")) {
            throw usage("-C takes '-' (resume from what the output directory holds); an offset is not supported");
        }
        checkReportFile();
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
        if (user != null) { // first, so that an -H Authorization replaces it (as in curl)
            if (user.indexOf(':') < 0 || !RequestWriter.validValue(user)) {
                throw usage("-u takes USER:PASSWORD (gather does not prompt for a password)");
            }
            hs.add(new FetchOptions.Header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8))));
        }
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
        SaveTo saveTo = save.saveTo(this::usage, spec == null ? null : spec.commandLine().getOut(), output);
        boolean resuming = resume || continueAt != null;
        if ((resuming || timestamping) && !(saveTo instanceof SaveTo.Directory)) {
            throw usage((resuming ? "-C/--continue" : "-N/--timestamping") + " needs --output-dir DIR (or -O)");
        }
        if (resuming && compressed) {
            throw usage("-C/--continue cannot be used with --compressed (a range counts encoded bytes)");
        }
        return new FetchOptions(m, hs, body, compressed, maxRedirects, connectTimeout, readTimeout, timeout,
                retries, retryAllMethods, retryMaxWait, maxSize == null ? -1 : maxSize, insecure, trust, resolveMap,
                ipv4 ? Resolver.Family.V4 : ipv6 ? Resolver.Family.V6 : Resolver.Family.ANY, proxyConfig(), saveTo,
                limits, parallel, perHost, rate, ratePerHost, checkSet(),
                transport.options(this::usage, environment), !noRateLimitHeaders, resuming, timestamping,
                verbose || head, new CurlHints(data != null && data.startsWith("@") ? data.substring(1) : null,
                        cacert == null ? null : cacert.toString()));
    }

    /** --allow-error's list: error kinds of the contract, by their JSON names. */
    private java.util.Set<ErrorKind> errorKinds(String list) {
        java.util.Set<ErrorKind> kinds = java.util.EnumSet.noneOf(ErrorKind.class);
        if (list == null) {
            return kinds;
        }
        for (String word : list.split(",")) {
            String w = word.strip();
            ErrorKind kind = java.util.Arrays.stream(ErrorKind.values()).filter(k -> k.wireName().equals(w)).findFirst()
                    .orElseThrow(() -> usage("--allow-error: '" + w + "' is not an error kind"
                            + " (" + java.util.Arrays.stream(ErrorKind.values()).map(ErrorKind::wireName)
                            .collect(java.util.stream.Collectors.joining(", ")) + ")"));
            kinds.add(kind);
        }
        return kinds;
    }

    /** --report FILE: its directory must exist and FILE must not be one (usage errors, before any fetch). */
    private void checkReportFile() {
        if (output.report == null) {
            return;
        }
        Path parent = output.report.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw usage("cannot write --report " + output.report + ": " + parent + " is not a directory");
        }
        if (Files.isDirectory(output.report)) {
            throw usage("cannot write --report " + output.report + ": it is a directory");
        }
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

    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }

    /** The configured command line with every subcommand, for in-process use (no Ctrl-C hook); see {@link CommandLineFactory}. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return CommandLineFactory.create(out, err, Interrupts.none());
    }

    /** Runs a command line made by the factory with the config file's options first (see {@link ConfigFile}). */
    public static int execute(CommandLine cl, String[] args, Map<String, String> environment) {
        return ConfigFile.execute(cl, args, environment);
    }
}
