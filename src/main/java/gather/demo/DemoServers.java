package gather.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * In-process demo web servers for {@code gather demo}: one plain HTTP and one HTTPS server on
 * loopback (127.0.0.1, ephemeral ports), both built on the JDK's {@code com.sun.net.httpserver}
 * and running every exchange on its own virtual thread.
 *
 * <p>They serve {@code /page/N} for {@code N = 0 .. pages-1}: each request waits {@code delay}
 * (a sleep on its virtual thread), then answers 200 with a small deterministic HTML page whose
 * title is "gather demo page N", with a fixed Content-Length. Any other path answers 404.
 *
 * <p>The HTTPS server uses the demo certificate shipped in {@code /demo/demo-server.p12}, signed
 * by the demo CA in {@code /demo/demo-ca.pem}. Its private key is public by design: trust that CA
 * ({@link #trustedCertificates()}) only for the duration of a demo run and only for these servers.
 */
public final class DemoServers implements AutoCloseable {

    /** Classpath location of the server keystore (key + chain). */
    static final String KEYSTORE_RESOURCE = "/demo/demo-server.p12";
    /** Classpath location of the demo CA certificate (PEM). */
    static final String CA_RESOURCE = "/demo/demo-ca.pem";
    private static final char[] KEYSTORE_PASSWORD = "gather-demo".toCharArray();
    private static final String PAGE_PREFIX = "/page/";

    private final HttpServer http;
    private final HttpsServer https;
    private final ExecutorService httpExecutor;
    private final ExecutorService httpsExecutor;
    private final URI httpBase;
    private final URI httpsBase;
    private final List<String> pageUrls;
    private final List<X509Certificate> trustedCertificates;
    private final AtomicInteger requestsServed;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DemoServers(HttpServer http, HttpsServer https,
                        ExecutorService httpExecutor, ExecutorService httpsExecutor,
                        List<X509Certificate> trustedCertificates, int pages,
                        AtomicInteger requestsServed) {
        this.http = http;
        this.https = https;
        this.httpExecutor = httpExecutor;
        this.httpsExecutor = httpsExecutor;
        this.httpBase = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/");
        this.httpsBase = URI.create("https://127.0.0.1:" + https.getAddress().getPort() + "/");
        List<String> urls = new ArrayList<>(pages);
        for (int i = 0; i < pages; i++) {
            URI base = (i % 2 == 1) ? httpsBase : httpBase;
            urls.add(base.resolve("page/" + i).toString());
        }
        this.pageUrls = List.copyOf(urls);
        this.trustedCertificates = trustedCertificates;
        this.requestsServed = requestsServed;
    }

    /**
     * Starts both servers.
     *
     * @param pages number of pages served, {@code /page/0 .. /page/(pages-1)}; must be {@code >= 0}
     * @param delay how long every page request waits before answering; must not be negative
     * @throws IOException if a server cannot bind or the demo certificate cannot be loaded
     */
    public static DemoServers start(int pages, Duration delay) throws IOException {
        if (pages < 0) {
            throw new IllegalArgumentException("pages must be >= 0, was " + pages);
        }
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + delay);
        }

        SSLContext sslContext = loadSslContext();
        List<X509Certificate> trusted = loadCaCertificates();

        byte[][] bodies = new byte[pages][];
        for (int i = 0; i < pages; i++) {
            bodies[i] = pageBody(i, pages);
        }
        AtomicInteger served = new AtomicInteger();
        PageHandler handler = new PageHandler(bodies, delay, served);
        InetSocketAddress loopback =
                new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0);

        HttpServer http = null;
        HttpsServer https = null;
        ExecutorService httpExecutor = null;
        ExecutorService httpsExecutor = null;
        try {
            httpExecutor = Executors.newVirtualThreadPerTaskExecutor();
            http = HttpServer.create(loopback, 0);
            http.setExecutor(httpExecutor);
            http.createContext("/", handler::handle);

            httpsExecutor = Executors.newVirtualThreadPerTaskExecutor();
            https = HttpsServer.create(loopback, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(sslContext));
            https.setExecutor(httpsExecutor);
            https.createContext("/", handler::handle);

            http.start();
            https.start();
            return new DemoServers(http, https, httpExecutor, httpsExecutor, trusted, pages, served);
        } catch (IOException | RuntimeException e) {
            if (http != null) {
                http.stop(0);
            }
            if (https != null) {
                https.stop(0);
            }
            if (httpExecutor != null) {
                httpExecutor.shutdownNow();
            }
            if (httpsExecutor != null) {
                httpsExecutor.shutdownNow();
            }
            throw e;
        }
    }

    /** Base URI of the plain HTTP server, e.g. {@code http://127.0.0.1:PORT/}. */
    public URI httpBase() {
        return httpBase;
    }

    /** Base URI of the HTTPS server, e.g. {@code https://127.0.0.1:PORT/}. */
    public URI httpsBase() {
        return httpsBase;
    }

    /**
     * URLs of all pages, in page order: page {@code i} is served over HTTPS when {@code i} is odd,
     * over plain HTTP when it is even. Immutable.
     */
    public List<String> pageUrls() {
        return pageUrls;
    }

    /** The demo CA certificate(s), parsed from {@code demo-ca.pem}. Immutable. */
    public List<X509Certificate> trustedCertificates() {
        return trustedCertificates;
    }

    /** Number of {@code /page/N} requests answered with 200 so far, over both servers. */
    public int requestsServed() {
        return requestsServed.get();
    }

    /** Stops both servers immediately ({@code stop(0)}) and interrupts in-flight handlers. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            http.stop(0);
        } finally {
            try {
                https.stop(0);
            } finally {
                httpExecutor.shutdownNow();
                httpsExecutor.shutdownNow();
            }
        }
    }

    // ---------------------------------------------------------------------------------------

    private static SSLContext loadSslContext() throws IOException {
        try (InputStream in = openResource(KEYSTORE_RESOURCE)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, KEYSTORE_PASSWORD);
            KeyManagerFactory kmf =
                    KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, KEYSTORE_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS for the demo HTTPS server from "
                    + KEYSTORE_RESOURCE + ": " + e, e);
        }
    }

    private static List<X509Certificate> loadCaCertificates() throws IOException {
        try (InputStream in = openResource(CA_RESOURCE)) {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> result = new ArrayList<>();
            for (Certificate c : factory.generateCertificates(in)) {
                result.add((X509Certificate) c);
            }
            if (result.isEmpty()) {
                throw new IOException("no certificate found in " + CA_RESOURCE);
            }
            return List.copyOf(result);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot parse the demo CA certificate " + CA_RESOURCE + ": " + e, e);
        }
    }

    /** The demo CA certificate as PEM text (what {@code --cacert} takes). */
    public static byte[] caPem() throws IOException {
        try (InputStream in = openResource(CA_RESOURCE)) {
            return in.readAllBytes();
        }
    }

    private static InputStream openResource(String name) throws IOException {
        InputStream in = DemoServers.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing classpath resource " + name);
        }
        return in;
    }

    private static final String[] WORDS = {
        "virtual", "threads", "sockets", "bytes", "headers", "chunks", "latency", "pages",
        "keep-alive", "loopback", "requests", "responses", "buffers", "streams", "digests",
    };

    /** Deterministic HTML body of page {@code n} (about 1.5 KB), UTF-8. */
    static byte[] pageBody(int n, int pages) {
        StringBuilder sb = new StringBuilder(2048);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .append("<title>gather demo page ").append(n).append("</title>\n</head>\n<body>\n")
          .append("<h1>gather demo page ").append(n).append("</h1>\n")
          .append("<p>This is page ").append(n).append(" of ").append(pages)
          .append(", served by the in-process demo server of gather.</p>\n");
        for (int p = 0; p < 4; p++) {
            sb.append("<p>Paragraph ").append(p + 1).append(" of page ").append(n).append(':');
            for (int w = 0; w < 24; w++) {
                int idx = Math.floorMod(n * 7 + p * 5 + w * 3 + (n * w) % 11, WORDS.length);
                sb.append(' ').append(WORDS[idx]);
            }
            sb.append(".</p>\n");
        }
        sb.append("<ul>\n");
        if (n > 0) {
            sb.append("<li><a href=\"/page/").append(n - 1).append("\">previous page</a></li>\n");
        }
        if (n + 1 < pages) {
            sb.append("<li><a href=\"/page/").append(n + 1).append("\">next page</a></li>\n");
        }
        sb.append("</ul>\n<p>Checksum seed: ").append(Integer.toHexString(n * 0x9E3779B1))
          .append("</p>\n</body>\n</html>\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Shared handler for both servers. Runs on a virtual thread per exchange. */
    private static final class PageHandler {
        private static final byte[] NOT_FOUND = "404 not found\n".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] NOT_ALLOWED =
                "405 method not allowed\n".getBytes(StandardCharsets.US_ASCII);

        private final byte[][] bodies;
        private final Duration delay;
        private final AtomicInteger served;

        PageHandler(byte[][] bodies, Duration delay, AtomicInteger served) {
            this.bodies = bodies;
            this.delay = delay;
            this.served = served;
        }

        void handle(HttpExchange exchange) throws IOException {
            try {
                int page = pageIndex(exchange.getRequestURI().getRawPath());
                if (page < 0) {
                    respond(exchange, 404, "text/plain; charset=utf-8", NOT_FOUND);
                    return;
                }
                String method = exchange.getRequestMethod();
                if (!"HEAD".equals(method) && !"GET".equals(method)) {
                    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                    respond(exchange, 405, "text/plain; charset=utf-8", NOT_ALLOWED);
                    return;
                }
                if (!delay.isZero()) {
                    try {
                        Thread.sleep(delay);
                    } catch (InterruptedException e) {
                        // server shutting down: drop the exchange
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                served.incrementAndGet();
                respond(exchange, 200, "text/html; charset=utf-8", bodies[page]);
            } finally {
                exchange.close();
            }
        }

        private int pageIndex(String path) {
            if (path == null || !path.startsWith(PAGE_PREFIX)) {
                return -1;
            }
            String digits = path.substring(PAGE_PREFIX.length());
            if (digits.isEmpty() || digits.length() > 9) {
                return -1;
            }
            for (int i = 0; i < digits.length(); i++) {
                char c = digits.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
            }
            int n = Integer.parseInt(digits);
            return n < bodies.length ? n : -1;
        }

        private static void respond(HttpExchange exchange, int status, String contentType,
                                    byte[] body) throws IOException {
            // drain any request body so the connection can be kept alive
            try (InputStream in = exchange.getRequestBody()) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            exchange.getResponseHeaders().set("Content-Type", contentType);
            if ("HEAD".equals(exchange.getRequestMethod())) {
                // a HEAD answer carries the length of the body it would have, but no body
                exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
