package gather.net;

import gather.result.ErrorKind;
import gather.result.FetchException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Opens connections: resolve (timed), TCP connect with happy eyeballs (timed), TLS handshake
 * (timed; SNI, host name verification, ALPN http/1.1). JDK exceptions become {@link FetchException}s
 * here, once. Knows no HTTP.
 */
public final class Connector {
    /** RFC 8305's recommended delay before starting the next address's attempt. */
    static final long ATTEMPT_DELAY_MILLIS = 250;

    /** Phase durations of one fetch, summed over every connection it opened. */
    public static final class Phases {
        public long dnsNanos;
        public long connectNanos;
        public long tlsNanos;
    }

    private final Resolver resolver;
    private final TlsSetup tls;
    private final long connectTimeoutNanos;
    private final TransportOptions transport;
    private final TokenBucket limit; // --limit-rate, shared by every connection of the run; null: none

    public Connector(Resolver resolver, TlsSetup tls, long connectTimeoutNanos) {
        this(resolver, tls, connectTimeoutNanos, TransportOptions.NONE);
    }

    public Connector(Resolver resolver, TlsSetup tls, long connectTimeoutNanos, TransportOptions transport) {
        this.resolver = resolver;
        this.tls = tls;
        this.connectTimeoutNanos = connectTimeoutNanos;
        this.transport = transport;
        this.limit = transport.limitRateBytesPerSecond() > 0 ? new TokenBucket(transport.limitRateBytesPerSecond()) : null;
    }

    /**
     * A direct connection (no proxy) for a URL's host and port: over its --unix-socket if it has
     * one, else TCP to where --connect-to sends it (through --resolve and DNS), then TLS for https
     * with the URL's own host name for SNI and certificate checks.
     */
    public Connection open(String poolKey, String host, int port, boolean https, long deadlineNanos, Phases phases)
            throws FetchException {
        java.nio.file.Path unix = transport.unixSockets().pathFor(host);
        if (unix != null) {
            return https ? unixTls(poolKey, unix, host, port, deadlineNanos, phases)
                    : new Connection(poolKey, unixChannel(unix, phases), "unix:" + unix, limit);
        }
        ConnectTo.HostPort to = ConnectTo.route(transport.connectTo(), host, port);
        Socket raw = tcp(to.host(), to.port(), deadlineNanos, phases);
        Socket s = https ? tls(raw, host, port, deadlineNanos, phases) : raw;
        return wrap(poolKey, s, raw);
    }

    /**
     * TLS over a Unix domain socket: the JDK layers TLS only over a Socket, so the channel is seen
     * as one ({@link ChannelSocket}); a channel has no read timeout, so the handshake's deadline
     * is kept by closing the channel when it passes.
     */
    private Connection unixTls(String poolKey, java.nio.file.Path path, String host, int port, long deadlineNanos,
                               Phases phases) throws FetchException {
        java.nio.channels.SocketChannel ch = unixChannel(path, phases);
        long until = Math.min(deadlineNanos, System.nanoTime() + connectTimeoutNanos);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        AtomicBoolean fired = new AtomicBoolean();
        Thread.ofVirtual().start(() -> {
            try {
                if (!done.await(until - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                    fired.set(true);
                    ch.close();
                }
            } catch (InterruptedException | IOException ignored) {
                // the handshake's own outcome stands
            }
        });
        try {
            ChannelSocket raw = new ChannelSocket(ch);
            Socket s = tls(raw, host, port, deadlineNanos, phases);
            done.countDown();
            if (fired.get()) {
                throw new FetchException(ErrorKind.TIMEOUT, "TLS handshake with " + host + " over " + path + " timed out");
            }
            return wrap(poolKey, s, raw);
        } catch (FetchException e) {
            if (fired.get()) {
                throw new FetchException(ErrorKind.TIMEOUT, "TLS handshake with " + host + " over " + path + " timed out");
            }
            throw e;
        } catch (java.net.SocketException e) {
            throw new FetchException(ErrorKind.CONNECT, "cannot use unix socket " + path + ": " + reason(e), e);
        } finally {
            done.countDown();
        }
    }

    /** A connected Unix domain socket channel; its connect time is the only phase. */
    private static java.nio.channels.SocketChannel unixChannel(java.nio.file.Path path, Phases phases)
            throws FetchException {
        long t0 = System.nanoTime();
        java.nio.channels.SocketChannel ch = null;
        try {
            ch = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX);
            ch.connect(java.net.UnixDomainSocketAddress.of(path));
            return ch;
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new FetchException(ErrorKind.CANCELLED, "interrupted while connecting to unix socket " + path);
            }
            String why = e instanceof java.nio.file.InvalidPathException ? "invalid path" : reason(e);
            throw new FetchException(ErrorKind.CONNECT, "cannot connect to unix socket " + path + ": " + why, e);
        } finally {
            phases.connectNanos += System.nanoTime() - t0;
        }
    }

    /** A TCP socket to host:port, within the connect timeout and the caller's deadline. */
    public Socket tcp(String host, int port, long deadlineNanos, Phases phases) throws FetchException {
        long t0 = System.nanoTime();
        boolean[] lookedUp = {false};
        List<InetAddress> addresses = resolver.resolve(host, port, lookedUp);
        long t1 = System.nanoTime();
        if (lookedUp[0]) {
            phases.dnsNanos += t1 - t0;
        }
        long until = Math.min(deadlineNanos, t1 + connectTimeoutNanos);
        try {
            return addresses.size() == 1
                    ? connectOne(addresses.get(0), port, until, host)
                    : happyEyeballs(addresses, port, until, host);
        } finally {
            phases.connectNanos += System.nanoTime() - t1;
        }
    }

    /** TLS over an open socket (possibly a proxy tunnel): handshake within the deadline. */
    public SSLSocket tls(Socket raw, String host, int port, long deadlineNanos, Phases phases) throws FetchException {
        long t0 = System.nanoTime();
        try {
            SSLSocket s = (SSLSocket) tls.socketFactory().createSocket(raw, host, port, true);
            SSLParameters p = s.getSSLParameters();
            if (!tls.insecure()) {
                p.setEndpointIdentificationAlgorithm("HTTPS");
            }
            if (!Resolver.isLiteral(host)) {
                p.setServerNames(List.of(new SNIHostName(host)));
            }
            p.setApplicationProtocols(new String[] {"http/1.1"});
            s.setSSLParameters(p);
            long until = Math.min(deadlineNanos, t0 + connectTimeoutNanos);
            int ms = remainingMillis(until);
            if (ms <= 0) {
                throw new FetchException(ErrorKind.TIMEOUT, "deadline passed before the TLS handshake with " + host);
            }
            s.setSoTimeout(ms);
            s.startHandshake();
            s.setSoTimeout(0); // later reads are guarded by the caller's watchdog, not a timer per read
            String alpn = s.getApplicationProtocol();
            if (alpn != null && !alpn.isEmpty() && !alpn.equals("http/1.1")) {
                throw new FetchException(ErrorKind.TLS, "server chose protocol " + alpn + " over TLS, not http/1.1");
            }
            return s;
        } catch (SocketTimeoutException e) {
            closeQuietly(raw);
            throw new FetchException(ErrorKind.TIMEOUT, "TLS handshake with " + host + " timed out", e);
        } catch (SSLException e) {
            closeQuietly(raw);
            String alert = new TlsAlerts(host, tls.offersClientCertificate()).message(e);
            throw new FetchException(ErrorKind.TLS, alert != null ? alert : tlsMessage(e, host), e);
        } catch (FetchException e) {
            closeQuietly(raw);
            throw e;
        } catch (IOException e) {
            closeQuietly(raw);
            throw new FetchException(ErrorKind.TLS, "TLS handshake with " + host + " failed: " + e.getMessage(), e);
        } finally {
            phases.tlsNanos += System.nanoTime() - t0;
        }
    }

    /** {@code raw}: the TCP socket under {@code socket} (the same one for plain http). */
    public Connection wrap(String poolKey, Socket socket, Socket raw) throws FetchException {
        try {
            raw.setTcpNoDelay(true);
            String addr = raw instanceof ChannelSocket c ? "unix:" + ((java.net.UnixDomainSocketAddress)
                    c.getRemoteSocketAddress()).getPath()
                    : socket.getInetAddress() instanceof Inet6Address a
                    ? "[" + shortIpv6(a.getAddress()) + "]:" + socket.getPort()
                    : socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
            String host = socket instanceof SSLSocket ssl ? ssl.getSession().getPeerHost() : null;
            return new Connection(poolKey, socket, raw, addr, limit, new TlsAlerts(host, tls.offersClientCertificate()));
        } catch (IOException e) {
            closeQuietly(socket);
            throw new FetchException(ErrorKind.CONNECT, "connection failed: " + e.getMessage(), e);
        }
    }

    private static Socket connectOne(InetAddress address, int port, long until, String host) throws FetchException {
        int ms = remainingMillis(until);
        if (ms <= 0) {
            throw new FetchException(ErrorKind.TIMEOUT, "connect to " + host + " timed out");
        }
        // No JDK proxy logic: gather speaks to proxies itself (absolute-form, CONNECT). A plain
        // new Socket() would also ask the system ProxySelector (a URI and regular expressions)
        // on every connect and could route through SOCKS behind the user's back.
        Socket s = new Socket(Proxy.NO_PROXY);
        try {
            s.connect(new InetSocketAddress(address, port), ms);
            return s;
        } catch (SocketTimeoutException e) {
            closeQuietly(s);
            throw new FetchException(ErrorKind.TIMEOUT, "connect to " + host + " (" + address.getHostAddress()
                    + ") port " + port + " timed out", e);
        } catch (ConnectException | NoRouteToHostException e) {
            closeQuietly(s);
            throw new FetchException(ErrorKind.CONNECT, "cannot connect to " + host + " (" + address.getHostAddress()
                    + ") port " + port + ": " + reason(e), e);
        } catch (IOException e) {
            closeQuietly(s);
            if (Thread.currentThread().isInterrupted()) {
                throw new FetchException(ErrorKind.CANCELLED, "interrupted while connecting to " + host);
            }
            throw new FetchException(ErrorKind.CONNECT, "cannot connect to " + host + " (" + address.getHostAddress()
                    + ") port " + port + ": " + reason(e), e);
        }
    }

    /**
     * RFC 8305: start with the first address; every 250 ms without a connection (or at once when
     * an attempt fails) start the next; the first to connect wins, the others are closed.
     */
    private static Socket happyEyeballs(List<InetAddress> addresses, int port, long until, String host)
            throws FetchException {
        LinkedBlockingQueue<Object> outcomes = new LinkedBlockingQueue<>();
        AtomicBoolean won = new AtomicBoolean();
        int started = 0;
        int finished = 0;
        FetchException firstError = null;
        long nextStart = System.nanoTime();
        try {
            while (true) {
                if (started < addresses.size() && System.nanoTime() >= nextStart) {
                    InetAddress a = addresses.get(started++);
                    Thread.ofVirtual().start(() -> {
                        try {
                            Socket s = connectOne(a, port, until, host);
                            if (won.compareAndSet(false, true)) {
                                outcomes.add(s);
                            } else {
                                closeQuietly(s);
                            }
                        } catch (FetchException e) {
                            outcomes.add(e);
                        }
                    });
                    nextStart = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ATTEMPT_DELAY_MILLIS);
                }
                long wait = started < addresses.size()
                        ? Math.min(nextStart, until) - System.nanoTime()
                        : until - System.nanoTime();
                Object o = outcomes.poll(Math.max(0, wait), TimeUnit.NANOSECONDS);
                if (o instanceof Socket s) {
                    return s;
                }
                if (o instanceof FetchException e) {
                    finished++;
                    if (firstError == null || firstError.kind() == ErrorKind.TIMEOUT) {
                        firstError = e;
                    }
                    nextStart = System.nanoTime(); // a failure starts the next attempt at once
                    if (finished == addresses.size()) {
                        throw firstError;
                    }
                } else if (System.nanoTime() >= until) {
                    won.set(true); // late winners close their sockets
                    throw new FetchException(ErrorKind.TIMEOUT, "connect to " + host + " port " + port + " timed out");
                }
            }
        } catch (InterruptedException e) {
            won.set(true);
            Thread.currentThread().interrupt();
            throw new FetchException(ErrorKind.CANCELLED, "interrupted while connecting to " + host);
        }
    }

    /** RFC 5952 text form: lower case, longest run of two or more zero groups as "::". */
    static String shortIpv6(byte[] a) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.toLowerCase(java.util.Locale.ROOT);
    }

    static String tlsMessage(SSLException e, String host) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return "certificate of " + host + " has expired";
            }
            if (t instanceof CertificateNotYetValidException) {
                return "certificate of " + host + " is not yet valid";
            }
            if (t instanceof java.security.cert.CertificateException c && c.getMessage() != null
                    && c.getMessage().startsWith("No ") && c.getMessage().contains("matching")) {
                return "certificate does not match host name " + host;
            }
            if (t instanceof CertPathValidatorException v && v.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                return "certificate of " + host + " has expired";
            }
            if (t instanceof java.security.cert.CertPathBuilderException) {
                return "certificate of " + host + " is not trusted (unknown issuer; see --cacert or -k)";
            }
        }
        String m = e.getMessage() == null ? "handshake failed" : e.getMessage();
        if (e instanceof SSLHandshakeException && m.contains("PKIX path")) {
            return "certificate of " + host + " is not trusted (unknown issuer; see --cacert or -k)";
        }
        return "TLS handshake with " + host + " failed: " + m;
    }

    private static int remainingMillis(long until) {
        long ns = until - System.nanoTime();
        if (ns <= 0) {
            return 0;
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(ns)));
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
