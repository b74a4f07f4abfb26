package gather.engine;

import gather.body.BodySink;
import gather.body.Decoders;
import gather.body.OutputDir;
import gather.body.TextSearch;
import gather.http1.RequestWriter;
import gather.http1.ResponseHead;
import gather.net.Connection;
import gather.net.ConnectionPool;
import gather.net.Connector;
import gather.plan.FetchOptions;
import gather.plan.Target;
import gather.result.ErrorKind;
import gather.result.FetchException;
import gather.result.FetchResult;
import java.io.InputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Fetches one URL: the whole-request deadline, retries around redirects around exchanges, and
 * the body streamed into a {@link BodySink}. Policy only: bytes are http1's, sockets net's.
 */
final class Fetcher {
    private final FetchOptions options;
    private final Connector connector;
    private final ConnectionPool pool;
    private final OutputDir outputDir;
    private final HostGates gates;
    private final String userAgent;

    Fetcher(FetchOptions options, Connector connector, ConnectionPool pool, OutputDir outputDir, HostGates gates,
            String userAgent) {
        this.options = options;
        this.connector = connector;
        this.pool = pool;
        this.outputDir = outputDir;
        this.gates = gates;
        this.userAgent = userAgent;
    }

    /** Per worker: the body buffer, reused for every URL the worker fetches. */
    static final class Scratch {
        static final int SMALL = 8 * 1024;
        static final int LARGE = 256 * 1024;
        /** Large body buffers, shared by all workers: 10,000 connections must not mean 10,000 of them. */
        private static final java.util.concurrent.ConcurrentLinkedQueue<byte[]> LARGE_POOL =
                new java.util.concurrent.ConcurrentLinkedQueue<>();

        /** The connection's read buffer: response heads, and small bodies, land here first. */
        final byte[] head = new byte[SMALL];
        /** Where small bodies are copied to be counted and hashed. */
        final byte[] small = new byte[SMALL / 2];
        /** The worker's slot in the run's watchdog (read and whole-request deadlines). */
        final Watchdog.Watch watch;

        Scratch(Watchdog.Watch watch) {
            this.watch = watch;
        }

        /** A body buffer fit for a body of this many bytes (null: unknown); give large ones back. */
        byte[] bodyBuffer(Long expected) {
            if (expected != null && expected <= small.length) {
                return small;
            }
            byte[] b = LARGE_POOL.poll();
            return b != null ? b : new byte[LARGE];
        }

        void giveBack(byte[] b) {
            if (b.length == LARGE && LARGE_POOL.size() < 64) {
                LARGE_POOL.offer(b);
            }
        }
    }

    void fetch(Target target, String outputName, FetchResult r, Scratch scratch, Cancellation cancel) {
        long start = System.nanoTime();
        Deadline deadline = new Deadline(start, options.totalTimeoutNanos(), options.readTimeoutNanos());
        Connector.Phases phases = new Connector.Phases();
        try {
            for (int attempt = 1; ; attempt++) {
                r.attempts = attempt;
                r.errorKind = null;
                r.errorMessage = null;
                Retry.Hint hint = new Retry.Hint();
                try {
                    hops(target, outputName, r, scratch, deadline, phases, hint);
                    return;
                } catch (FetchException e) {
                    FetchException f = cancel.cancelled() ? new FetchException(ErrorKind.CANCELLED,
                            "cancelled before it finished") : e;
                    r.fail(f);
                    if (f.kind() == ErrorKind.CANCELLED || attempt > options.retries()
                            || !Retry.retryable(f, r.status, options)) {
                        return;
                    }
                    long wait = Retry.backoffNanos(attempt, hint.retryAfterNanos, options.retryMaxWaitNanos());
                    if (hint.retryAfterNanos > 0) {
                        gates.slowDown(target.hostPort(), System.nanoTime() + wait);
                    }
                    if (wait >= deadline.remainingNanos()) {
                        return; // no time left for another try: keep this failure
                    }
                    if (!cancel.sleep(wait)) {
                        r.fail(ErrorKind.CANCELLED, "cancelled while waiting to retry");
                        return;
                    }
                }
            }
        } finally {
            r.dnsNanos = phases.dnsNanos;
            r.connectNanos = phases.connectNanos;
            r.tlsNanos = phases.tlsNanos;
            r.totalNanos = System.nanoTime() - start;
        }
    }

    /** One attempt: follow redirects up to the limit, then read the final body. */
    private void hops(Target original, String outputName, FetchResult r, Fetcher.Scratch scratch, Deadline deadline,
                      Connector.Phases phases, Retry.Hint hint) throws FetchException {
        Target current = original;
        String method = options.method();
        byte[] body = options.body();
        Set<String> seen = new HashSet<>();
        seen.add(method + " " + current);
        r.redirects = 0;
        while (true) {
            r.finalUrl = current.toString();
            boolean crossOrigin = !current.sameOrigin(original);
            try (Exchange ex = exchange(current, method, body, crossOrigin, r, scratch, deadline, phases)) {
                ResponseHead head = ex.head();
                r.status = head.status();
                r.reason = head.reason();
                r.httpVersion = head.version();
                r.contentType = head.headers().first("Content-Type");
                r.contentLength = null;
                if (head.headers().has("Content-Length")) {
                    try {
                        r.contentLength = gather.http1.BodyFraming.contentLength(head.headers());
                    } catch (FetchException ignored) {
                        // framing already judged it; an invalid length was a protocol error there
                    }
                }
                r.ttfbNanos = ex.ttfbNanos();
                String location = head.headers().first("Location");
                if (isRedirect(head.status()) && location != null && options.maxRedirects() > 0) {
                    discard(ex, scratch);
                    ex.release();
                    if (r.redirects >= options.maxRedirects()) {
                        throw new FetchException(ErrorKind.TOO_MANY_REDIRECTS,
                                "more than " + options.maxRedirects() + " redirects (--max-redirects)");
                    }
                    Target next = current.resolve(location);
                    int status = head.status();
                    if (status == 303 && !method.equals("HEAD") || (status == 301 || status == 302) && method.equals("POST")) {
                        method = "GET";
                        body = null;
                    }
                    if (!seen.add(method + " " + next)) {
                        throw new FetchException(ErrorKind.TOO_MANY_REDIRECTS, "redirect loop at " + next);
                    }
                    r.redirects++;
                    current = next;
                    continue;
                }
                Retry.noteRetryAfter(head, hint);
                List<TextSearch> searches = new ArrayList<>();
                for (String text : options.expect().texts()) {
                    searches.add(new TextSearch(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                }
                boolean save = outputDir != null && options.acceptStatus().accepts(head.status()) && !options.headOnly();
                try (OutputDir.Pending file = save ? outputDir.open(outputName) : null) {
                    readFinalBody(ex, head, r, scratch, searches, file);
                    ex.release();
                    if (!options.acceptStatus().accepts(head.status())) {
                        throw new FetchException(ErrorKind.HTTP_STATUS, "HTTP " + head.status()
                                + (head.reason().isEmpty() ? "" : " " + head.reason()) + " is not an accepted status ("
                                + options.acceptStatus() + ")");
                    }
                    checkExpectations(head, searches, r);
                    if (file != null) {
                        r.savedTo = file.commit().toString();
                    }
                }
                return;
            }
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** --expect-header and --expect-text, checked once the whole body was read. */
    private void checkExpectations(ResponseHead head, List<TextSearch> searches, FetchResult r) throws FetchException {
        for (FetchOptions.Header h : options.expect().headers()) {
            List<String> values = head.headers().all(h.name());
            boolean ok = h.value().isEmpty() ? !values.isEmpty() : values.stream().anyMatch(v -> v.contains(h.value()));
            if (!ok) {
                throw new FetchException(ErrorKind.EXPECTATION, values.isEmpty()
                        ? "expected header " + h.name() + " is missing"
                        : "header " + h.name() + " does not contain '" + h.value() + "'");
            }
        }
        for (int i = 0; i < searches.size(); i++) {
            if (!searches.get(i).found()) {
                throw new FetchException(ErrorKind.EXPECTATION, "body does not contain '"
                        + options.expect().texts().get(i) + "'");
            }
        }
    }

    private void readFinalBody(Exchange ex, ResponseHead head, FetchResult r, Scratch scratch,
                               List<TextSearch> searches, OutputDir.Pending file) throws FetchException {
        if (options.maxSize() >= 0 && r.contentLength != null && r.contentLength > options.maxSize()
                && !(ex.framing() instanceof gather.http1.BodyFraming.None)) {
            r.bytes = 0;
            r.sha256 = new BodySink(-1, null).sha256();
            throw new FetchException(ErrorKind.TOO_LARGE, "Content-Length " + r.contentLength
                    + " is larger than --max-size " + options.maxSize());
        }
        BodySink sink = new BodySink(options.maxSize(), file == null ? null : file.out());
        sink.search(searches);
        try {
            InputStream in = ex.body();
            if (options.compressed()) {
                in = Decoders.wrap(new LimitedWire(ex.body(), options.maxSize()), head.headers().elements("Content-Encoding"));
            }
            byte[] buf = scratch.bodyBuffer(options.compressed() ? null : r.contentLength);
            try {
                sink.drain(in, buf);
            } finally {
                scratch.giveBack(buf);
            }
        } finally {
            r.bytes = sink.bytes();
            r.sha256 = sink.sha256();
        }
    }

    /** Reads and drops a redirect's body (bounded by --max-size) so the connection can be reused. */
    private void discard(Exchange ex, Scratch scratch) throws FetchException {
        try {
            long total = 0;
            InputStream in = ex.body();
            int n;
            while ((n = in.read(scratch.small, 0, scratch.small.length)) >= 0) {
                total += n;
                if (options.maxSize() >= 0 && total > options.maxSize()) {
                    throw new FetchException(ErrorKind.TOO_LARGE, "redirect body larger than --max-size");
                }
            }
        } catch (FetchException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw FetchException.truncated("connection broken while reading a redirect: " + e.getMessage());
        }
    }

    /**
     * Gets a connection (pooled or new) and sends the request; a reused connection that turns
     * out dead before any response byte is replaced by a fresh one once (idempotent methods only),
     * without counting as an attempt.
     */
    private Exchange exchange(Target t, String method, byte[] body, boolean crossOrigin, FetchResult r,
                              Scratch scratch, Deadline deadline, Connector.Phases phases) throws FetchException {
        Target proxy = options.transport().unixSockets().pathFor(t.host()) != null ? null : options.proxy().proxyFor(t);
        String key = t.scheme() + "://" + t.hostPort() + (proxy == null ? "" : " via " + proxy.hostPort());
        byte[] request = RequestWriter.encode(method, proxy != null && !t.https() ? t.toString() : t.pathAndQuery(),
                fields(t, method, body, crossOrigin, proxy), body);
        Connection pooled = pool.take(key);
        if (pooled != null) {
            Exchange ex = new Exchange(pooled, pool, true, scratch.head, deadline, scratch.watch);
            try {
                return start(ex, request, method, r);
            } catch (FetchException e) {
                ex.close();
                boolean stale = ex.nothingReceived() && e.kind() == ErrorKind.TRUNCATED;
                if (!stale || !(FetchOptions.idempotent(method) || options.retryAllMethods())) {
                    throw e;
                }
            }
        }
        Connection fresh = open(t, proxy, key, deadline, phases);
        Exchange ex = new Exchange(fresh, pool, false, scratch.head, deadline, scratch.watch);
        try {
            return start(ex, request, method, r);
        } catch (FetchException e) {
            ex.close();
            throw e;
        }
    }

    private Exchange start(Exchange ex, byte[] request, String method, FetchResult r) throws FetchException {
        Connection c = ex.connection();
        r.reusedConnection = ex.reused();
        r.remoteAddress = c.remoteAddress();
        r.tlsProtocol = c.tlsProtocol();
        r.tlsCipher = c.tlsCipher();
        ex.send(request);
        ex.readHead(method, options.limits());
        return ex;
    }

    private Connection open(Target t, Target proxy, String key, Deadline deadline, Connector.Phases phases)
            throws FetchException {
        if (deadline.remainingNanos() <= 0) {
            throw deadline.expired();
        }
        if (proxy == null) {
            return connector.open(key, t.host(), t.port(), t.https(), deadline.endNanos(), phases);
        }
        Socket raw = connector.tcp(proxy.host(), proxy.port(), deadline.endNanos(), phases);
        if (t.https()) {
            ProxyTunnel.open(raw, t, proxy, deadline, options.limits());
        }
        Socket s = t.https() ? connector.tls(raw, t.host(), t.port(), deadline.endNanos(), phases) : raw;
        return connector.wrap(key, s, raw);
    }

    /** Request header fields: defaults, then -H (same name replaces; "Name:" with no value removes). */
    private List<String[]> fields(Target t, String method, byte[] body, boolean crossOrigin, Target proxy) {
        List<String[]> f = new ArrayList<>(8 + options.headers().size());
        f.add(new String[] {"Host", t.authority()});
        f.add(new String[] {"User-Agent", userAgent});
        f.add(new String[] {"Accept", "*/*"});
        if (options.compressed()) {
            f.add(new String[] {"Accept-Encoding", Decoders.ACCEPT_ENCODING});
        }
        if (t.basicAuth() != null) {
            f.add(new String[] {"Authorization", "Basic " + t.basicAuth()});
        }
        if (proxy != null && !t.https() && proxy.basicAuth() != null) {
            f.add(new String[] {"Proxy-Authorization", "Basic " + proxy.basicAuth()});
        }
        for (FetchOptions.Header h : options.headers()) {
            if (crossOrigin && (h.name().equalsIgnoreCase("Authorization") || h.name().equalsIgnoreCase("Cookie"))) {
                continue;
            }
            f.removeIf(x -> x[0].equalsIgnoreCase(h.name()));
            if (!h.value().isEmpty()) {
                f.add(new String[] {h.name(), h.value()});
            }
        }
        if (body != null) {
            if (f.stream().noneMatch(x -> x[0].equalsIgnoreCase("Content-Type"))) {
                f.add(new String[] {"Content-Type", "application/x-www-form-urlencoded"});
            }
            f.add(new String[] {"Content-Length", String.valueOf(body.length)});
        }
        return f;
    }

    /** Bounds the raw (still encoded) body by --max-size too, so nothing unbounded feeds a decoder. */
    private static final class LimitedWire extends InputStream {
        private final InputStream in;
        private final long max;
        private long count;

        LimitedWire(InputStream in, long max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public int read() throws java.io.IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
                if (max >= 0 && count > max) {
                    throw new FetchException(ErrorKind.TOO_LARGE, "encoded body larger than --max-size " + max + " bytes");
                }
            }
            return n;
        }
    }
}
