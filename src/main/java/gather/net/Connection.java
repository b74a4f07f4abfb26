package gather.net;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * One open connection to an origin, with what was learnt opening it: a TCP socket (maybe under
 * TLS), or a Unix domain socket channel (--unix-socket), which has no {@link Socket} of its own
 * (TLS over one goes through a {@link ChannelSocket}).
 */
public final class Connection implements AutoCloseable {
    private final String poolKey;
    private final Socket socket;          // null over a Unix domain socket
    private final SocketChannel channel;  // null over TCP
    private final Closeable transport;
    private final InputStream plainIn;    // the socket's own stream, for the health probe
    private final InputStream in;
    private final OutputStream out;
    private final String remoteAddress;
    private final String tlsProtocol;
    private final String tlsCipher;
    private final SSLSession tlsSession;
    private long idleSince;
    private int soTimeout = -1;

    /** {@code raw}: the TCP socket under {@code socket}; {@code limit}: --limit-rate (null: none). */
    Connection(String poolKey, Socket socket, Socket raw, String remoteAddress, TokenBucket limit, TlsAlerts tls)
            throws IOException {
        this.poolKey = poolKey;
        this.socket = socket;
        this.channel = raw instanceof ChannelSocket c ? c.channel() : null; // TLS over a Unix socket
        this.transport = raw;
        this.plainIn = socket.getInputStream();
        this.remoteAddress = remoteAddress;
        InputStream i = plainIn;
        if (socket instanceof SSLSocket ssl) {
            SSLSession session = ssl.getSession();
            this.tlsProtocol = session.getProtocol();
            this.tlsCipher = session.getCipherSuite();
            this.tlsSession = session;
            i = tls.translate(i);
            this.out = tls.translate(socket.getOutputStream(), socket, plainIn);
        } else {
            this.tlsProtocol = null;
            this.tlsCipher = null;
            this.tlsSession = null;
            this.out = socket.getOutputStream();
        }
        this.in = limit == null ? i : limit.throttle(i);
    }

    /** Over a Unix domain socket: blocking channel streams; no TLS. */
    Connection(String poolKey, SocketChannel channel, String remoteAddress, TokenBucket limit) {
        this.poolKey = poolKey;
        this.socket = null;
        this.channel = channel;
        this.transport = channel;
        this.plainIn = Channels.newInputStream(channel);
        this.out = Channels.newOutputStream(channel);
        this.remoteAddress = remoteAddress;
        this.tlsProtocol = null;
        this.tlsCipher = null;
        this.tlsSession = null;
        this.in = limit == null ? plainIn : limit.throttle(plainIn);
    }

    public String poolKey() {
        return poolKey;
    }

    public InputStream in() {
        return in;
    }

    public OutputStream out() {
        return out;
    }

    /**
     * What to close to abort a blocked read or write at once: the TCP socket (under TLS, if any)
     * or the Unix socket channel.
     */
    public Closeable transport() {
        return transport;
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    public String tlsProtocol() {
        return tlsProtocol;
    }

    public String tlsCipher() {
        return tlsCipher;
    }

    /**
     * When the server's own (leaf) certificate expires, or null for plain http (or a peer
     * that sent no X.509 certificate).
     */
    public java.time.Instant certNotAfter() {
        if (tlsSession == null) {
            return null;
        }
        try {
            java.security.cert.Certificate[] chain = tlsSession.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof java.security.cert.X509Certificate x
                    ? x.getNotAfter().toInstant() : null;
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            return null;
        }
    }

    /** The exchange on this connection ended cleanly: it is idle from now on. */
    public void exchangeDone() {
        idleSince = System.nanoTime();
    }

    long idleSince() {
        return idleSince;
    }

    /** Sets SO_TIMEOUT only when it changes. */
    private void readTimeoutMillis(int millis) throws SocketException {
        if (millis != soTimeout) {
            socket.setSoTimeout(millis);
            soTimeout = millis;
        }
    }

    /**
     * Health check before reuse: a connection idle for a while may have been closed by the
     * server; a 1 ms read tells (end of stream or stray bytes: unhealthy; timeout: healthy). A
     * Unix socket channel is asked with one non-blocking read instead.
     */
    boolean healthy(long now, long probeAfterNanos) {
        if (channel != null) { // a channel has no read timeout: one non-blocking read (any byte: unhealthy)
            return channel.isOpen() && (now - idleSince < probeAfterNanos || channelQuiet());
        }
        if (socket.isClosed() || socket.isInputShutdown()) {
            return false;
        }
        if (now - idleSince < probeAfterNanos) {
            return true;
        }
        try {
            readTimeoutMillis(1);
            plainIn.read();
            return false; // EOF, or bytes nobody asked for
        } catch (java.net.SocketTimeoutException e) {
            try {
                readTimeoutMillis(0);
                return true;
            } catch (IOException x) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
    }

    private boolean channelQuiet() {
        try {
            channel.configureBlocking(false);
            int n = channel.read(ByteBuffer.allocate(1));
            channel.configureBlocking(true);
            return n == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            if (socket != null) {
                socket.close();
            } else {
                channel.close();
            }
        } catch (IOException ignored) {
            // closing: nothing left to do
        }
    }
}
