package gather.plan;

import gather.http1.HttpLimits;
import gather.net.Resolver;
import gather.net.TransportOptions;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * Everything the engine needs to know about how to fetch, validated by the CLI. Times are
 * nanoseconds (0 = no limit for the total timeout); sizes are bytes (-1 = no limit). {@code checks}
 * are every URL's checks unless its batch line replaces some.
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
        Path outputDir,
        HttpLimits limits,
        int parallel,
        int perHost,
        RateLimit rate,
        boolean rateTakesHost,
        CheckSet checks,
        TransportOptions transport) {

    /** Without the transport options (--cert, --unix-socket, --connect-to, --limit-rate): none of them. */
    public FetchOptions(String method, List<Header> headers, byte[] body, boolean compressed, int maxRedirects,
                        long connectTimeoutNanos, long readTimeoutNanos, long totalTimeoutNanos, int retries,
                        boolean retryAllMethods, long retryMaxWaitNanos, long maxSize, boolean insecure,
                        List<X509Certificate> extraTrust, Map<String, String> resolve, Resolver.Family family,
                        ProxyConfig proxy, Path outputDir, HttpLimits limits, int parallel, int perHost, RateLimit rate,
                        boolean rateTakesHost, CheckSet checks) {
        this(method, headers, body, compressed, maxRedirects, connectTimeoutNanos, readTimeoutNanos, totalTimeoutNanos,
                retries, retryAllMethods, retryMaxWaitNanos, maxSize, insecure, extraTrust, resolve, family, proxy,
                outputDir, limits, parallel, perHost, rate, rateTakesHost, checks, TransportOptions.NONE);
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
