package gather.report;

import gather.result.FetchResult;

/** One result as the contract's JSON object, fields in the contract's order, as UTF-8 bytes. */
public final class ResultJson {
    private static final byte[] INDEX = JsonBytes.key("index", true);
    private static final byte[] URL = JsonBytes.key("url", false);
    private static final byte[] OK = JsonBytes.key("ok", false);
    private static final byte[] STATUS = JsonBytes.key("status", false);
    private static final byte[] REASON = JsonBytes.key("reason", false);
    private static final byte[] HTTP_VERSION = JsonBytes.key("http_version", false);
    private static final byte[] FINAL_URL = JsonBytes.key("final_url", false);
    private static final byte[] REDIRECTS = JsonBytes.key("redirects", false);
    private static final byte[] ATTEMPTS = JsonBytes.key("attempts", false);
    private static final byte[] BYTES = JsonBytes.key("bytes", false);
    private static final byte[] CONTENT_LENGTH = JsonBytes.key("content_length", false);
    private static final byte[] CONTENT_TYPE = JsonBytes.key("content_type", false);
    private static final byte[] SHA256 = JsonBytes.key("sha256", false);
    private static final byte[] REMOTE_ADDRESS = JsonBytes.key("remote_address", false);
    private static final byte[] REUSED_CONNECTION = JsonBytes.key("reused_connection", false);
    private static final byte[] TLS = JsonBytes.key("tls", false);
    private static final byte[] TLS_PROTOCOL = JsonBytes.key("protocol", true);
    private static final byte[] TLS_CIPHER = JsonBytes.key("cipher", false);
    private static final byte[] TIMING = JsonBytes.key("timing_ms", false);
    private static final byte[] QUEUE = JsonBytes.key("queue", true);
    private static final byte[] DNS = JsonBytes.key("dns", false);
    private static final byte[] CONNECT = JsonBytes.key("connect", false);
    private static final byte[] TLS_MS = JsonBytes.key("tls", false);
    private static final byte[] TTFB = JsonBytes.key("ttfb", false);
    private static final byte[] TOTAL = JsonBytes.key("total", false);
    private static final byte[] SAVED_TO = JsonBytes.key("saved_to", false);
    private static final byte[] ERROR = JsonBytes.key("error", false);
    private static final byte[] ERROR_KIND = JsonBytes.key("kind", true);
    private static final byte[] ERROR_MESSAGE = JsonBytes.key("message", false);
    // checks (issue 13): the failed checks, last in the object
    private static final byte[] CHECKS = JsonBytes.key("checks", false);
    private static final byte[] CHECK_NAME = JsonBytes.key("name", true);
    private static final byte[] CHECK_EXPECTED = JsonBytes.key("expected", false);
    private static final byte[] CHECK_SEEN = JsonBytes.key("seen", false);
    private static final byte[] NOT_MODIFIED = JsonBytes.key("not_modified", false); // -N (issue 14)
    private static final byte[] RESUMED_FROM = JsonBytes.key("resumed_from", false); // -C (issue 14)
    private static final byte[] REPRODUCE = JsonBytes.key("reproduce", false); // issue 13: a curl command for a failure

    private ResultJson() { }

    public static byte[] bytes(FetchResult r) {
        JsonBytes j = new JsonBytes(1024);
        j.raw('{');
        j.raw(INDEX).number(r.index());
        j.raw(URL).string(r.url());
        j.raw(OK).bool(r.ok());
        j.raw(STATUS).number(r.status());
        j.raw(REASON).string(r.reason());
        j.raw(HTTP_VERSION).string(r.httpVersion());
        j.raw(FINAL_URL).string(r.finalUrl());
        j.raw(REDIRECTS).number(r.redirects());
        j.raw(ATTEMPTS).number(r.attempts());
        j.raw(BYTES).number(r.bytes());
        j.raw(CONTENT_LENGTH).number(r.contentLength());
        j.raw(CONTENT_TYPE).string(r.contentType());
        j.raw(SHA256).string(r.sha256());
        j.raw(REMOTE_ADDRESS).string(r.remoteAddress());
        j.raw(REUSED_CONNECTION).bool(r.reusedConnection());
        j.raw(TLS);
        if (r.tls() == null) {
            j.nul();
        } else {
            j.raw('{').raw(TLS_PROTOCOL).string(r.tls().protocol()).raw(TLS_CIPHER).string(r.tls().cipher()).raw('}');
        }
        FetchResult.Timings t = r.timing();
        j.raw(TIMING).raw('{').raw(QUEUE).millis(t.queueNanos())
                .raw(DNS).millis(t.dnsNanos())
                .raw(CONNECT).millis(t.connectNanos())
                .raw(TLS_MS).millis(t.tlsNanos())
                .raw(TTFB).millis(t.ttfbNanos())
                .raw(TOTAL).millis(t.totalNanos())
                .raw('}');
        j.raw(SAVED_TO).string(r.savedTo());
        j.raw(ERROR);
        if (r.ok()) {
            j.nul();
        } else {
            j.raw('{').raw(ERROR_KIND).string(r.error().kind().wireName())
                    .raw(ERROR_MESSAGE).string(r.error().message()).raw('}');
        }
        checks(j, r);
        j.raw(NOT_MODIFIED).bool(r.notModified());
        j.raw(RESUMED_FROM).number(r.resumedFrom());
        j.raw(REPRODUCE).string(r.reproduce());
        j.raw('}');
        return j.toByteArray();
    }

    /** "checks": [{"name", "expected", "seen"}, ...] for each failed check; [] when none failed. */
    private static void checks(JsonBytes j, FetchResult r) {
        j.raw(CHECKS).raw('[');
        for (int i = 0; i < r.checks().size(); i++) {
            gather.result.CheckFailure c = r.checks().get(i);
            if (i > 0) {
                j.raw(',');
            }
            j.raw('{').raw(CHECK_NAME).string(c.name()).raw(CHECK_EXPECTED).string(c.expected())
                    .raw(CHECK_SEEN).string(c.seen()).raw('}');
        }
        j.raw(']');
    }
}
