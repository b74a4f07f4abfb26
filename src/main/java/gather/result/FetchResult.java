package gather.result;

import java.util.List;

/**
 * Everything learnt about one URL, success or failure: an immutable value, built once by a
 * {@link Builder} that the engine fills while the fetch runs. A failed result keeps what was
 * learnt before the failure (status, bytes, timings). Times are nanoseconds here and become
 * milliseconds in the reports.
 *
 * @param index      position in the combined input (arguments first, then file lines)
 * @param url        the URL as fetched (or, when it could not be parsed, as given, user info hidden)
 * @param status     the final status, or null when no status line was read
 * @param tls        the negotiated protocol and cipher, or null for plain http
 * @param error      null on success
 * @param checks     every check the final response failed, in the order they were asked for
 *                   (the status first); empty when none failed or none could run
 */
public record FetchResult(
        long index,
        String url,
        Integer status,
        String reason,
        String httpVersion,
        String finalUrl,
        int redirects,
        int attempts,
        long bytes,
        Long contentLength,
        String contentType,
        String sha256,
        String remoteAddress,
        boolean reusedConnection,
        Tls tls,
        Timings timing,
        String savedTo,
        Failure error,
        List<CheckFailure> checks) {

    public FetchResult {
        checks = checks == null ? List.of() : List.copyOf(checks);
    }

    /** The negotiated TLS protocol and cipher suite. */
    public record Tls(String protocol, String cipher) { }

    /** Phase durations in nanoseconds; a phase that did not happen is 0. */
    public record Timings(long queueNanos, long dnsNanos, long connectNanos, long tlsNanos, long ttfbNanos,
                          long totalNanos) {
        public static final Timings NONE = new Timings(0, 0, 0, 0, 0, 0);
    }

    /** Why a URL failed: one kind of the contract, a message, and the exception behind it (for --debug). */
    public record Failure(ErrorKind kind, String message, Throwable cause) {
        public Failure {
            if (kind == null) {
                throw new IllegalArgumentException("a failure needs a kind");
            }
        }
    }

    public boolean ok() {
        return error == null;
    }

    /** The failure's kind, or null on success. */
    public ErrorKind errorKind() {
        return error == null ? null : error.kind();
    }

    /** Succeeded, but only after at least one retry: a flaky URL. */
    public boolean retriedOk() {
        return ok() && attempts > 1;
    }

    public static Builder builder(long index, String url) {
        return new Builder(index, url);
    }

    /**
     * Collects a result while its fetch runs, on the one thread that fetches it; {@link #build()}
     * makes the value. Setters return the builder; the getters are for the policy that still
     * needs what was learnt (a retry's decision looks at the status).
     */
    public static final class Builder {
        private final long index;
        private final String url;
        private Integer status;
        private String reason;
        private String httpVersion;
        private String finalUrl;
        private int redirects;
        private int attempts;
        private long bytes;
        private Long contentLength;
        private String contentType;
        private String sha256;
        private String remoteAddress;
        private boolean reusedConnection;
        private Tls tls;
        private long queueNanos;
        private long dnsNanos;
        private long connectNanos;
        private long tlsNanos;
        private long ttfbNanos;
        private long totalNanos;
        private String savedTo;
        private Failure error;
        private List<CheckFailure> checks = List.of();

        private Builder(long index, String url) {
            this.index = index;
            this.url = url;
        }

        public FetchResult build() {
            return new FetchResult(index, url, status, reason, httpVersion, finalUrl, redirects, attempts, bytes,
                    contentLength, contentType, sha256, remoteAddress, reusedConnection, tls,
                    new Timings(queueNanos, dnsNanos, connectNanos, tlsNanos, ttfbNanos, totalNanos), savedTo, error, checks);
        }

        /** The status line that was read (any of the three may be null). */
        public Builder statusLine(Integer status, String reason, String httpVersion) {
            this.status = status;
            this.reason = reason;
            this.httpVersion = httpVersion;
            return this;
        }

        public Builder finalUrl(String finalUrl) {
            this.finalUrl = finalUrl;
            return this;
        }

        public Builder redirects(int redirects) {
            this.redirects = redirects;
            return this;
        }

        public Builder attempts(int attempts) {
            this.attempts = attempts;
            return this;
        }

        /** The body as delivered: its size and SHA-256. */
        public Builder body(long bytes, String sha256) {
            this.bytes = bytes;
            this.sha256 = sha256;
            return this;
        }

        public Builder contentLength(Long contentLength) {
            this.contentLength = contentLength;
            return this;
        }

        public Builder contentType(String contentType) {
            this.contentType = contentType;
            return this;
        }

        /** The connection the last exchange ran on. */
        public Builder connection(String remoteAddress, boolean reused, Tls tls) {
            this.remoteAddress = remoteAddress;
            this.reusedConnection = reused;
            this.tls = tls;
            return this;
        }

        public Builder queueNanos(long nanos) {
            this.queueNanos = nanos;
            return this;
        }

        /** DNS, connect and TLS time, summed over every connection the fetch opened. */
        public Builder phases(long dnsNanos, long connectNanos, long tlsNanos) {
            this.dnsNanos = dnsNanos;
            this.connectNanos = connectNanos;
            this.tlsNanos = tlsNanos;
            return this;
        }

        public Builder ttfbNanos(long nanos) {
            this.ttfbNanos = nanos;
            return this;
        }

        public Builder totalNanos(long nanos) {
            this.totalNanos = nanos;
            return this;
        }

        public Builder savedTo(String savedTo) {
            this.savedTo = savedTo;
            return this;
        }

        public Builder fail(FetchException e) {
            this.error = new Failure(e.kind(), e.getMessage(), e);
            return this;
        }

        public Builder fail(ErrorKind kind, String message) {
            this.error = new Failure(kind, message, null);
            return this;
        }

        /** The checks the final response failed (with the failure they add up to, set by {@link #fail}). */
        public Builder checks(List<CheckFailure> failed) {
            this.checks = failed;
            return this;
        }

        /** Forgets an earlier attempt's failure and failed checks (a retry starts clean). */
        public Builder clearFailure() {
            this.error = null;
            this.checks = List.of();
            return this;
        }

        public Integer status() {
            return status;
        }

        public Long contentLength() {
            return contentLength;
        }

        public int redirects() {
            return redirects;
        }
    }
}
