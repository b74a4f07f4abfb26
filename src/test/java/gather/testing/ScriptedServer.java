package gather.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A small loopback HTTP/1.1 (or HTTPS) server for tests, in the spirit of OkHttp's MockWebServer.
 *
 * <p>Each accepted socket is served by its own virtual thread. For each request read (request line, headers,
 * body by Content-Length or chunked) a {@link RecordedRequest} is recorded and an answer chosen: the
 * {@linkplain #setDispatcher dispatcher} if set, else the next {@linkplain #enqueue queued} response, else
 * {@code 404 Not Found} with {@code Content-Length: 0}. A {@linkplain #setConnectionHandler connection
 * handler} replaces all of this with a test-supplied per-socket script.
 *
 * <p>{@link #close()} closes the listening socket and every open connection, and releases stalled or delayed
 * responses promptly.
 */
public final class ScriptedServer implements AutoCloseable {

    /** A per-connection script that replaces HTTP handling. The server closes the socket when it returns. */
    @FunctionalInterface
    public interface ConnectionHandler {
        void handle(Socket socket, int connectionIndex) throws Exception;
    }

    private static final Duration TAKE_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_LINE = 64 * 1024;

    private final ServerSocket serverSocket;
    private final boolean tls;
    private final InetAddress bindAddress;
    private final Thread acceptThread;

    private final BlockingQueue<ScriptedResponse> queue = new LinkedBlockingQueue<>();
    private volatile Function<RecordedRequest, ScriptedResponse> dispatcher;
    private volatile ConnectionHandler connectionHandler;

    private final BlockingQueue<RecordedRequest> taken = new LinkedBlockingQueue<>();
    private final List<RecordedRequest> recorded = new CopyOnWriteArrayList<>();
    private final List<Throwable> connectionErrors = new CopyOnWriteArrayList<>();

    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final AtomicInteger openConnections = new AtomicInteger();
    private final AtomicInteger peakConnections = new AtomicInteger();
    private final ReentrantLock acceptLock = new ReentrantLock();
    private final Condition accepted = acceptLock.newCondition();

    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch closedLatch = new CountDownLatch(1);

    private ScriptedServer(InetAddress bindAddress, SSLContext sslContext) throws IOException {
        this(bindAddress, sslContext, false);
    }

    private ScriptedServer(InetAddress bindAddress, SSLContext sslContext, boolean needClientAuth) throws IOException {
        this.bindAddress = bindAddress;
        this.tls = sslContext != null;
        ServerSocket ss = tls ? sslContext.getServerSocketFactory().createServerSocket() : new ServerSocket();
        ss.setReuseAddress(true);
        ss.bind(new InetSocketAddress(bindAddress, 0), 128);
        if (ss instanceof SSLServerSocket sss) {
            sss.setNeedClientAuth(needClientAuth);
        }
        this.serverSocket = ss;
        this.acceptThread = Thread.ofVirtual().name("scripted-server-accept-" + ss.getLocalPort())
                .start(this::acceptLoop);
    }

    // ---- factories ------------------------------------------------------------------------------

    /** Plain HTTP on 127.0.0.1, ephemeral port. */
    public static ScriptedServer plain() {
        return start(InetAddress.getLoopbackAddress(), null);
    }

    /** Plain HTTP on {@code ::1}, ephemeral port. */
    public static ScriptedServer plainIpv6() {
        return start(ipv6Loopback(), null);
    }

    /** HTTPS on 127.0.0.1 with the key store resource (e.g. {@code "/tls/localhost.p12"}, password changeit). */
    public static ScriptedServer tls(String p12ResourceName) {
        return start(InetAddress.getLoopbackAddress(), TestTls.serverSslContext(p12ResourceName));
    }

    /**
     * HTTPS on 127.0.0.1 that requires a client certificate issued by the test CA (the handshake
     * fails without one).
     */
    public static ScriptedServer tlsRequiringClientCertificate(String p12ResourceName) {
        try {
            return new ScriptedServer(InetAddress.getLoopbackAddress(),
                    TestTls.serverSslContextTrustingCa(p12ResourceName), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** HTTPS on {@code ::1}. */
    public static ScriptedServer tlsIpv6(String p12ResourceName) {
        return start(ipv6Loopback(), TestTls.serverSslContext(p12ResourceName));
    }

    /** General factory: {@code sslContext} null for plain HTTP. */
    public static ScriptedServer start(InetAddress bindAddress, SSLContext sslContext) {
        try {
            return new ScriptedServer(bindAddress, sslContext);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InetAddress ipv6Loopback() {
        try {
            return InetAddress.getByName("::1");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- addresses ------------------------------------------------------------------------------

    public int port() {
        return serverSocket.getLocalPort();
    }

    public boolean isTls() {
        return tls;
    }

    public InetAddress bindAddress() {
        return bindAddress;
    }

    /** The bound address as written in a URL authority: {@code 127.0.0.1} or {@code [::1]}. */
    public String hostForUrl() {
        String h = bindAddress.getHostAddress();
        int pct = h.indexOf('%');
        if (pct >= 0) {
            h = h.substring(0, pct);
        }
        return h.contains(":") ? "[" + compressIpv6(h) + "]" : h;
    }

    /** {@code http://127.0.0.1:PORT/path} (or https, or {@code [::1]}); a missing leading '/' is added. */
    public String url(String path) {
        return urlWithHost(hostForUrl(), path);
    }

    /** Like {@link #url} with another host name in the authority, e.g. {@code localhost}; IPv6 gets brackets. */
    public String urlWithHost(String host, String path) {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        String p = path.isEmpty() || path.startsWith("/") ? path : "/" + path;
        return (tls ? "https" : "http") + "://" + h + ":" + port() + p;
    }

    private static String compressIpv6(String h) {
        return "0:0:0:0:0:0:0:1".equals(h) ? "::1" : h;
    }

    // ---- scripting ------------------------------------------------------------------------------

    /** Queues responses; each request received takes the next one (unless a dispatcher is set). */
    public void enqueue(ScriptedResponse... responses) {
        for (ScriptedResponse r : responses) {
            queue.add(Objects.requireNonNull(r));
        }
    }

    /** Answers every request by calling {@code dispatcher} (takes precedence over the queue); null to unset. */
    public void setDispatcher(Function<RecordedRequest, ScriptedResponse> dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** Replaces HTTP handling of connections accepted from now on; null to restore it. */
    public void setConnectionHandler(ConnectionHandler handler) {
        this.connectionHandler = handler;
    }

    // ---- inspection -----------------------------------------------------------------------------

    /** The next recorded request, waiting up to 10 s; throws AssertionError if none arrives. */
    public RecordedRequest takeRequest() throws InterruptedException {
        return takeRequest(TAKE_TIMEOUT);
    }

    public RecordedRequest takeRequest(Duration timeout) throws InterruptedException {
        RecordedRequest r = pollRequest(timeout);
        if (r == null) {
            throw new AssertionError("no request received within " + timeout);
        }
        return r;
    }

    /** The next recorded request, or null after {@code timeout}. */
    public RecordedRequest pollRequest(Duration timeout) throws InterruptedException {
        return taken.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Number of requests fully read so far. */
    public int requestCount() {
        return recorded.size();
    }

    /** Snapshot of all recorded requests, in the order they were completely read. */
    public List<RecordedRequest> recordedRequests() {
        return List.copyOf(recorded);
    }

    /** Connections accepted so far. */
    public int connectionCount() {
        return connectionCount.get();
    }

    /** Connections currently open (accepted and not yet closed by the server or seen closed). */
    public int openConnections() {
        return openConnections.get();
    }

    /** The highest number of connections open at the same time. */
    public int peakConcurrentConnections() {
        return peakConnections.get();
    }

    /** Waits until at least {@code count} connections have been accepted; false on timeout. */
    public boolean awaitConnectionCount(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        acceptLock.lock();
        try {
            while (connectionCount.get() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                accepted.awaitNanos(left);
            }
            return true;
        } finally {
            acceptLock.unlock();
        }
    }

    /** Exceptions from connection threads (failed TLS handshakes, handler failures, malformed requests...). */
    public List<Throwable> connectionErrors() {
        return List.copyOf(connectionErrors);
    }

    public boolean isClosed() {
        return closed.get();
    }

    // ---- lifecycle ------------------------------------------------------------------------------

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closedLatch.countDown();
        closeQuietly(serverSocket);
        for (Socket s : openSockets) {
            closeQuietly(s);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        List<Thread> all = new ArrayList<>(threads);
        all.add(acceptThread);
        for (Thread t : all) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                t.join(Duration.ofNanos(left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void acceptLoop() {
        while (!closed.get()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!closed.get()) {
                    connectionErrors.add(e);
                }
                return;
            }
            int index = connectionCount.get();
            openSockets.add(socket);
            int open = openConnections.incrementAndGet();
            peakConnections.accumulateAndGet(open, Math::max);
            acceptLock.lock();
            try {
                connectionCount.incrementAndGet();
                accepted.signalAll();
            } finally {
                acceptLock.unlock();
            }
            if (closed.get()) {
                closeQuietly(socket);
            }
            Thread t = Thread.ofVirtual().name("scripted-server-conn-" + index).unstarted(() -> serve(socket, index));
            threads.add(t);
            t.start();
        }
    }

    private void serve(Socket socket, int connectionIndex) {
        try {
            ConnectionHandler handler = connectionHandler;
            if (handler != null) {
                handler.handle(socket, connectionIndex);
            } else {
                serveHttp(socket, connectionIndex);
            }
        } catch (Throwable e) {
            if (!closed.get()) {
                connectionErrors.add(e);
            }
        } finally {
            closeQuietly(socket);
            if (openSockets.remove(socket)) {
                openConnections.decrementAndGet();
            }
            threads.remove(Thread.currentThread());
        }
    }

    private void serveHttp(Socket socket, int connectionIndex) throws IOException, InterruptedException {
        if (socket instanceof SSLSocket ssl) {
            ssl.startHandshake();
        }
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        for (int exchange = 0; !closed.get(); exchange++) {
            RecordedRequest request = readRequest(in, connectionIndex, exchange);
            if (request == null) {
                return; // client closed the connection between requests
            }
            recorded.add(request);
            taken.add(request);
            Function<RecordedRequest, ScriptedResponse> d = dispatcher;
            ScriptedResponse response = d != null ? d.apply(request) : queue.poll();
            if (response == null) {
                response = ScriptedResponse.notFound();
            }
            if (!respond(socket, out, response, "HEAD".equals(request.method()))) {
                return;
            }
        }
    }

    /** Writes one response; returns whether to keep serving the connection. */
    private boolean respond(Socket socket, OutputStream out, ScriptedResponse r, boolean head)
            throws IOException, InterruptedException {
        if (!r.delay().isZero() && closedLatch.await(r.delay().toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        if (r.resetImmediatelyRequested()) {
            socket.setSoLinger(true, 0);
            socket.close();
            return false;
        }
        if (r.closeImmediatelyRequested()) {
            closeGracefully(socket);
            return false;
        }
        byte[] bytes = r.toBytes(head);
        long limit = bytes.length;
        boolean cut = false;
        boolean stall = false;
        if (r.closeAfterBytes() >= 0) {
            limit = Math.min(limit, r.closeAfterBytes());
            cut = true;
        }
        long stallAt = r.stallOffset(bytes);
        if (stallAt >= 0 && stallAt <= limit) {
            limit = stallAt;
            stall = true;
            cut = false;
        }
        int step = r.throttleBytes() > 0 ? r.throttleBytes() : Integer.MAX_VALUE;
        int off = 0;
        while (off < limit) {
            int n = (int) Math.min(step, limit - off);
            out.write(bytes, off, n);
            out.flush();
            off += n;
            if (off < limit && !r.throttlePause().isZero()
                    && closedLatch.await(r.throttlePause().toNanos(), TimeUnit.NANOSECONDS)) {
                return false;
            }
        }
        out.flush();
        if (stall) {
            closedLatch.await();
            return false;
        }
        if (cut || !r.keepOpenAfter()) {
            closeGracefully(socket);
            return false;
        }
        return true;
    }

    /**
     * Closes so that the client reliably sees everything written, then EOF: for plain sockets, half-close and
     * drain what the client still sends (briefly) so that unread input does not turn the close into an RST.
     */
    private void closeGracefully(Socket socket) {
        try {
            if (!(socket instanceof SSLSocket)) {
                socket.shutdownOutput();
                socket.setSoTimeout(250);
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
                InputStream in = socket.getInputStream();
                byte[] buf = new byte[8192];
                while (System.nanoTime() < deadline && in.read(buf) >= 0) {
                    // discard
                }
            }
        } catch (SocketTimeoutException ignored) {
            // client keeps its side open: fine
        } catch (IOException ignored) {
            // already gone
        } finally {
            closeQuietly(socket);
        }
    }

    // ---- request parsing ------------------------------------------------------------------------

    static RecordedRequest readRequest(InputStream in, int connectionIndex, int exchangeIndex)
            throws IOException {
        ByteArrayOutputStream rawHead = new ByteArrayOutputStream();
        String requestLine = readLine(in, rawHead);
        while (requestLine != null && requestLine.isEmpty()) {
            rawHead.reset(); // tolerate stray CRLFs between requests (RFC 9112 2.2)
            requestLine = readLine(in, rawHead);
        }
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ", 3);
        if (parts.length != 3) {
            throw new IOException("malformed request line: " + requestLine);
        }
        List<RecordedRequest.Header> headers = new ArrayList<>();
        while (true) {
            String line = readLine(in, rawHead);
            if (line == null) {
                throw new EOFException("connection closed inside the request head");
            }
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header line: " + line);
            }
            headers.add(new RecordedRequest.Header(line.substring(0, colon), line.substring(colon + 1).strip()));
        }
        boolean chunked = false;
        byte[] body = new byte[0];
        String te = first(headers, "Transfer-Encoding");
        String cl = first(headers, "Content-Length");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            chunked = true;
            body = readChunked(in);
        } else if (cl != null) {
            long n = Long.parseLong(cl.strip());
            if (n > Integer.MAX_VALUE - 16) {
                throw new IOException("request body too large: " + n);
            }
            body = in.readNBytes((int) n);
            if (body.length != n) {
                throw new EOFException("connection closed inside the request body");
            }
        }
        return new RecordedRequest(parts[0], parts[1], parts[2], headers, body, chunked, connectionIndex,
                exchangeIndex, rawHead.toByteArray());
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ByteArrayOutputStream ignored = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in, ignored);
            if (sizeLine == null) {
                throw new EOFException("connection closed inside a chunked request body");
            }
            int semi = sizeLine.indexOf(';');
            int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
            if (size == 0) {
                String trailer;
                do {
                    trailer = readLine(in, ignored);
                } while (trailer != null && !trailer.isEmpty());
                return body.toByteArray();
            }
            byte[] data = in.readNBytes(size);
            if (data.length != size) {
                throw new EOFException("connection closed inside a chunk");
            }
            body.writeBytes(data);
            String crlf = readLine(in, ignored);
            if (crlf == null || !crlf.isEmpty()) {
                throw new IOException("missing CRLF after chunk data");
            }
        }
    }

    /** Reads a line ending in LF (CR before it stripped), copying raw bytes; null on EOF before any byte. */
    private static String readLine(InputStream in, ByteArrayOutputStream raw) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.size() == 0) {
                    return null;
                }
                throw new EOFException("connection closed mid-line");
            }
            raw.write(b);
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            if (line.size() > MAX_LINE) {
                throw new IOException("line too long");
            }
        }
    }

    private static String first(List<RecordedRequest.Header> headers, String name) {
        for (RecordedRequest.Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // best effort
        }
    }

    @Override
    public String toString() {
        return "ScriptedServer[" + url("/") + "]";
    }
}
