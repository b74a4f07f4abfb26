package gather.jmh;

import gather.http1.HttpInput;
import gather.http1.HttpLimits;
import gather.http1.ResponseHead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Response-head parsing: {@code ResponseHead.read} over an {@code HttpInput} with a reused 16 KiB
 * buffer, as a worker does (Fetcher.Scratch). One operation = one whole head (status line,
 * header fields, empty line); the result is returned, so JMH's blackhole keeps it alive.
 */
public class HeadParseBench extends GatherBench {

    /** What `curl -i http://127.0.0.1/` gets from a stock nginx serving its welcome page. */
    static final String NGINX = """
            HTTP/1.1 200 OK\r
            Server: nginx/1.24.0\r
            Date: Sun, 22 Nov 2026 10:36:26 GMT\r
            Content-Type: text/html\r
            Content-Length: 615\r
            Last-Modified: Tue, 11 Apr 2023 01:45:34 GMT\r
            Connection: keep-alive\r
            ETag: "6434bbbe-267"\r
            Accept-Ranges: bytes\r
            \r
            """;

    /** A busy application behind a CDN: 30 header fields, cookies, security headers, tracing. */
    static final String HEADERS_30 = """
            HTTP/1.1 200 OK\r
            Server: nginx\r
            Date: Sun, 22 Nov 2026 10:36:26 GMT\r
            Content-Type: text/html; charset=utf-8\r
            Transfer-Encoding: chunked\r
            Connection: keep-alive\r
            Vary: Accept-Encoding\r
            Vary: Cookie, Authorization\r
            Cache-Control: private, no-cache, no-store, must-revalidate, max-age=0\r
            Pragma: no-cache\r
            Expires: Thu, 01 Jan 1970 00:00:00 GMT\r
            Set-Cookie: sessionid=8f14e45fceea167a5a36dedd4bea2543; Path=/; HttpOnly; Secure; SameSite=Lax\r
            Set-Cookie: csrftoken=c9f0f895fb98ab9159f51fd0297e236d; Path=/; Max-Age=31449600; SameSite=Lax\r
            Strict-Transport-Security: max-age=63072000; includeSubDomains; preload\r
            Content-Security-Policy: default-src 'self'; img-src 'self' data: https:; script-src 'self' 'nonce-r4nd0m'\r
            X-Content-Type-Options: nosniff\r
            X-Frame-Options: SAMEORIGIN\r
            Referrer-Policy: strict-origin-when-cross-origin\r
            Permissions-Policy: geolocation=(), microphone=(), camera=()\r
            X-Request-Id: 5e0c1a2b-7d3f-4c8e-9a61-2f4b8d0e6c13\r
            X-Runtime: 0.043211\r
            ETag: W/"a87ff679a2f3e71d9181a67b7542122c"\r
            Last-Modified: Sun, 22 Nov 2026 10:30:00 GMT\r
            Link: </static/app.css>; rel=preload; as=style, </static/app.js>; rel=preload; as=script\r
            Alt-Svc: h3=":443"; ma=86400\r
            Via: 1.1 varnish, 1.1 cdn-edge-fra1\r
            Age: 0\r
            X-Cache: MISS, MISS\r
            X-Cache-Hits: 0, 0\r
            X-Served-By: cache-fra-etou8220040-FRA\r
            Server-Timing: cdn-cache;desc=MISS, edge;dur=12, origin;dur=44\r
            \r
            """;

    @Param({"nginx", "30headers"})
    public String head;

    private MemoryStream stream;
    private final byte[] buffer = new byte[16 * 1024];

    static byte[] bytes(String head) {
        String text = switch (head) {
            case "nginx" -> NGINX;
            case "30headers" -> HEADERS_30;
            default -> throw new IllegalArgumentException(head);
        };
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static int expectedFields(String head) {
        return head.equals("nginx") ? 8 : 30;
    }

    @Setup
    public void setup() throws IOException {
        stream = new MemoryStream(bytes(head));
        ResponseHead h = parse();   // the benchmark must measure a successful parse
        if (h == null || h.status() != 200 || h.headers().size() != expectedFields(head)) {
            throw new IllegalStateException("unexpected parse of " + head + ": " + h);
        }
    }

    @Benchmark
    public ResponseHead parse() throws IOException {
        stream.rewind();
        return ResponseHead.read(new HttpInput(stream, buffer), HttpLimits.DEFAULT);
    }
}
