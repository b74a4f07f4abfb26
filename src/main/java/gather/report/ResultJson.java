package gather.report;

import gather.result.FetchResult;

/** One result as the contract's JSON object, fields in the contract's order. */
public final class ResultJson {
    private ResultJson() { }

    public static String string(FetchResult r) {
        StringBuilder sb = new StringBuilder(900);
        write(new JsonOut(sb), r);
        return sb.toString();
    }

    static void write(JsonOut j, FetchResult r) {
        j.begin();
        j.field("index", r.index);
        j.field("url", r.url);
        j.field("ok", r.ok());
        j.nullable("status", r.status);
        j.field("reason", r.reason);
        j.field("http_version", r.httpVersion);
        j.field("final_url", r.finalUrl);
        j.field("redirects", r.redirects);
        j.field("attempts", r.attempts);
        j.field("bytes", r.bytes);
        j.nullable("content_length", r.contentLength);
        j.field("content_type", r.contentType);
        j.field("sha256", r.sha256);
        j.field("remote_address", r.remoteAddress);
        j.field("reused_connection", r.reusedConnection);
        if (r.tlsProtocol == null) {
            j.nullField("tls");
        } else {
            j.begin("tls").field("protocol", r.tlsProtocol).field("cipher", r.tlsCipher).end();
        }
        j.begin("timing_ms")
                .millis("queue", r.queueNanos)
                .millis("dns", r.dnsNanos)
                .millis("connect", r.connectNanos)
                .millis("tls", r.tlsNanos)
                .millis("ttfb", r.ttfbNanos)
                .millis("total", r.totalNanos)
                .end();
        j.field("saved_to", r.savedTo);
        if (r.ok()) {
            j.nullField("error");
        } else {
            j.begin("error").field("kind", r.errorKind.wireName()).field("message", r.errorMessage).end();
        }
        j.end();
    }
}
