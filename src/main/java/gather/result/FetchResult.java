package gather.result;

/**
 * Everything learnt about one URL, success or failure. Filled in by the engine as the fetch
 * goes; a failed result keeps what was learnt before the failure (status, bytes, timings).
 * Times are nanoseconds here and become milliseconds in the reports.
 */
public final class FetchResult {
    public final long index;
    public final String url;

    public Integer status;
    public String reason;
    public String httpVersion;
    public String finalUrl;
    public int redirects;
    public int attempts;
    public long bytes;
    public Long contentLength;
    public String contentType;
    public String sha256;
    public String remoteAddress;
    public boolean reusedConnection;
    public String tlsProtocol;
    public String tlsCipher;
    public long queueNanos;
    public long dnsNanos;
    public long connectNanos;
    public long tlsNanos;
    public long ttfbNanos;
    public long totalNanos;
    public String savedTo;
    public ErrorKind errorKind;
    public String errorMessage;
    /** The exception behind the error, shown only with --debug. */
    public transient Throwable cause;

    public FetchResult(long index, String url) {
        this.index = index;
        this.url = url;
    }

    public boolean ok() {
        return errorKind == null;
    }

    public void fail(FetchException e) {
        fail(e.kind(), e.getMessage());
        this.cause = e;
    }

    public void fail(ErrorKind kind, String message) {
        this.errorKind = kind;
        this.errorMessage = message;
    }

    /** Succeeded, but only after at least one retry: a flaky URL. */
    public boolean retriedOk() {
        return ok() && attempts > 1;
    }
}
