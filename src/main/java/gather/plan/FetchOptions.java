package gather.plan;

import gather.http1.HttpLimits;
import gather.net.Resolver;
import gather.net.TransportOptions;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * Everything the engine needs to know about how to fetch, validated by the CLI. Times are
 * nanoseconds (0 = no limit for the total timeout); sizes are bytes (-1 = no limit). {@code checks}
 * are every URL's checks unless its batch line replaces some. {@code rateLimitHeaders}: pace a host
 * by the quota its responses announce (off with --no-rate-limit-headers). {@code resume} (-C),
 * {@code timestamping} (-N): reuse what the output directory holds.
 * are every URL's checks unless its batch line replaces some. {@code transcripts}: record every
 * head sent and received in each result (-v, -I); {@code curl}: what a failed result's reproduce
 * command needs besides these options.
 */
public record FetchOptions(
        String method,
        List<Header> headers,
        byte[] body,
        boolean compressed,
        int maxRedirects,
        long connectTimeoutNanos,
        long readTimeoutNanos,
        long totalTimeoutNanos,
        int retries,
        boolean retryAllMethods,
        long retryMaxWaitNanos,
        long maxSize,
        boolean insecure,
        List<X509Certificate> extraTrust,
        Map<String, String> resolve,
        Resolver.Family family,
        ProxyConfig proxy,
        SaveTo saveTo,
        HttpLimits limits,
        int parallel,
        int perHost,
        RateLimit rate,
        boolean rateTakesHost,
        CheckSet checks,
        TransportOptions transport,
        boolean rateLimitHeaders,
        boolean resume,
        boolean timestamping,
        boolean transcripts,
        CurlHints curl) {

    /** Without the transport options (--cert, --unix-socket, --connect-to, --limit-rate), transcripts or curl hints. */
    public FetchOptions(String method, List<Header> headers, byte[] body, boolean compressed, int maxRedirects,
                        long connectTimeoutNanos, long readTimeoutNanos, long totalTimeoutNanos, int retries,
                        boolean retryAllMethods, long retryMaxWaitNanos, long maxSize, boolean insecure,
                        List<X509Certificate> extraTrust, Map<String, String> resolve, Resolver.Family family,
                        ProxyConfig proxy, SaveTo saveTo, HttpLimits limits, int parallel, int perHost, RateLimit rate,
                        boolean rateTakesHost, CheckSet checks) {
        this(method, headers, body, compressed, maxRedirects, connectTimeoutNanos, readTimeoutNanos, totalTimeoutNanos,
                retries, retryAllMethods, retryMaxWaitNanos, maxSize, insecure, extraTrust, resolve, family, proxy,
                saveTo, limits, parallel, perHost, rate, rateTakesHost, checks, TransportOptions.NONE, true, false, false,
                false, CurlHints.NONE);
    }

    /** A request header; the name and value were checked for CR, LF and NUL. */
    public record Header(String name, String value) { }

    /** N requests per period. */
    public record RateLimit(double permits, long periodNanos) { }

    public boolean headOnly() {
        return method.equals("HEAD");
    }

    /** Idempotent methods may be retried and replayed on a fresh connection (RFC 9110 9.2.2). */
    public static boolean idempotent(String method) {
        return switch (method) {
            case "GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE" -> true;
            default -> false;
        };
    }
}
