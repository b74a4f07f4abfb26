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
 * @param line       the URL's 1-based line in its input file, or null for a URL argument
 * @param name       its line's label ({@code name=...}), or null
 * @param allowed    a failure of a kind --allow-error names: a warning, not a failure of the run
 * @param checks     every check the final response failed, in the order they were asked for
 *                   (the status first); empty when none failed or none could run
 * @param notModified -N: a 304 answered the validators of the file kept at savedTo
 * @param resumedFrom -C: how many of the body's bytes came from the part an earlier run saved (0: none)
 * @param startNanos when the fetch began (after the queue wait), as an offset from the start of
 *                   the run: where the request sits on a waterfall's time axis
 * @param transcript the heads sent and received (-v, -I); {@link Transcript#NONE} when not recorded
 * @param reproduce  for a failure, an equivalent curl command for the final request (credentials
 *                   hidden); null on success or when no request was made
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
        List<CheckFailure> checks,
        boolean notModified,
        long resumedFrom,
        long startNanos,
        Transcript transcript,
        String reproduce,
        Integer line,
        String name,
        boolean allowed) {

    public FetchResult {
        checks = checks == null ? List.of() : List.copyOf(checks);
        transcript = transcript == null ? Transcript.NONE : transcript;
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

    /**
     * This result with {@code f} applied to every text it holds (URLs, reason, messages, checks,
     * transcript, reproduce); numbers, kinds and the failure's exception stay. For redaction at the
     * output boundary: a new field that holds text is mapped here, next to its declaration.
     */
    public FetchResult mapText(java.util.function.UnaryOperator<String> f) {
        Tls t = tls == null ? null : new Tls(f.apply(tls.protocol()), f.apply(tls.cipher()));
        Failure e = error == null ? null : new Failure(error.kind(), f.apply(error.message()), error.cause());
        List<CheckFailure> c = new java.util.ArrayList<>(checks.size());
        for (CheckFailure x : checks) {
            c.add(new CheckFailure(f.apply(x.name()), f.apply(x.expected()), f.apply(x.seen())));
        }
        return new FetchResult(index, f.apply(url), status, f.apply(reason), f.apply(httpVersion), f.apply(finalUrl),
                redirects, attempts, bytes, contentLength, f.apply(contentType), f.apply(sha256), f.apply(remoteAddress),
                reusedConnection, t, timing, f.apply(savedTo), e, c, notModified, resumedFrom, startNanos,
                transcript.mapText(f), f.apply(reproduce), line, f.apply(name), allowed);
    }

    /** This failure, reported as a warning that does not fail the run (--allow-error). */
    public FetchResult allowedFailure() {
        return new FetchResult(index, url, status, reason, httpVersion, finalUrl, redirects, attempts, bytes, contentLength,
                contentType, sha256, remoteAddress, reusedConnection, tls, timing, savedTo, error, checks, notModified,
                resumedFrom, startNanos, transcript, reproduce, line, name, true);
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
        private boolean notModified;
        private long resumedFrom;
        private long startNanos;
        /** The transcript being recorded, or null when none is (the default: it costs nothing then). */
        private List<Transcript.Entry> transcript;
        private String reproduce;
        private Integer line;
        private String name;

        private Builder(long index, String url) {
            this.index = index;
            this.url = url;
        }

        public FetchResult build() {
            return new FetchResult(index, url, status, reason, httpVersion, finalUrl, redirects, attempts, bytes,
                    contentLength, contentType, sha256, remoteAddress, reusedConnection, tls,
                    new Timings(queueNanos, dnsNanos, connectNanos, tlsNanos, ttfbNanos, totalNanos), savedTo, error, checks,
                    notModified, resumedFrom, startNanos,
                    transcript == null ? Transcript.NONE : new Transcript(transcript), reproduce, line, name, false);
        }

        /** Starts recording the heads sent and received ({@link #record}); without it they are dropped. */
        public Builder recordTranscript() {
            if (transcript == null) {
                transcript = new java.util.ArrayList<>();
            }
            return this;
        }

        /** True when a transcript is being recorded. */
        public boolean recording() {
            return transcript != null;
        }

        /** One more transcript entry; dropped unless {@link #recordTranscript} was called. */
        public Builder record(Transcript.Entry entry) {
            if (transcript != null) {
                transcript.add(entry);
            }
            return this;
        }

        /** An equivalent curl command for the request that failed (kept only if the result fails). */
        public Builder reproduce(String command) {
            this.reproduce = command;
            return this;
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

        /** When the fetch began, as an offset from the start of the run. */
        /** Where the URL came from: its input file's line (null for an argument) and its label (or null). */
        public Builder input(Integer line, String name) {
            this.line = line;
            this.name = name;
            return this;
        }

        public Builder startNanos(long nanos) {
            this.startNanos = nanos;
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

        /** -N: a 304 confirmed the kept file. */
        public Builder notModified(boolean notModified) {
            this.notModified = notModified;
            return this;
        }

        /** -C: bytes of the body that an earlier run had saved. */
        public Builder resumedFrom(long resumedFrom) {
            this.resumedFrom = resumedFrom;
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

        /** Forgets an earlier attempt's failure, failed checks and reproduce command (a retry starts clean). */
        public Builder clearFailure() {
            this.error = null;
            this.checks = List.of();
            this.reproduce = null;
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
