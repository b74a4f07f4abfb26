package gather.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/** One open TCP (and maybe TLS) connection to an origin, with what was learnt opening it. */
public final class Connection implements AutoCloseable {
    private final String poolKey;
    private final Socket socket;
    private final Socket raw;
    private final InputStream in;
    private final OutputStream out;
    private final String remoteAddress;
    private final String tlsProtocol;
    private final String tlsCipher;
    private final SSLSession tlsSession;
    private long idleSince;
    private int soTimeout = -1;

    Connection(String poolKey, Socket socket, Socket raw, String remoteAddress) throws IOException {
        this.poolKey = poolKey;
        this.socket = socket;
        this.raw = raw;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.remoteAddress = remoteAddress;
        if (socket instanceof SSLSocket ssl) {
            SSLSession session = ssl.getSession();
            this.tlsProtocol = session.getProtocol();
            this.tlsCipher = session.getCipherSuite();
            this.tlsSession = session;
        } else {
            this.tlsProtocol = null;
            this.tlsCipher = null;
            this.tlsSession = null;
        }
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

    /** The TCP socket (under TLS, if any): closing it aborts a blocked read or write at once. */
    public Socket rawSocket() {
        return raw;
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

    /** Sets SO_TIMEOUT only when it changes (the common case is the same value every read). */
    public void readTimeoutMillis(int millis) throws SocketException {
        if (millis != soTimeout) {
            socket.setSoTimeout(millis);
            soTimeout = millis;
        }
    }

    /**
     * Health check before reuse: a connection idle for a while may have been closed by the
     * server; a 1 ms read tells (end of stream or stray bytes: unhealthy; timeout: healthy).
     */
    boolean healthy(long now, long probeAfterNanos) {
        if (socket.isClosed() || socket.isInputShutdown()) {
            return false;
        }
        if (now - idleSince < probeAfterNanos) {
            return true;
        }
        try {
            readTimeoutMillis(1);
            in.read();
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

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing: nothing left to do
        }
    }
}
