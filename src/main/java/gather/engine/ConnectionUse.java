package gather.engine;

import gather.http1.ResponseHead;
import gather.net.Connection;
import gather.net.ConnectionPool;
import gather.net.Connector;
import gather.plan.FetchOptions;
import gather.plan.Target;
import gather.result.ErrorKind;
import gather.result.FetchException;
import gather.result.FetchResult;
import java.net.Socket;

/**
 * Gets a connection for a request (pooled, or new: TCP, the proxy's CONNECT tunnel, TLS), sends
 * the request and reads the response head. Everything that touches a connection before the body
 * is here, in one place.
 */
final class ConnectionUse {
    private final FetchOptions options;
    private final Connector connector;
    private final ConnectionPool pool;

    ConnectionUse(FetchOptions options, Connector connector, ConnectionPool pool) {
        this.options = options;
        this.connector = connector;
        this.pool = pool;
    }

    /**
     * Gets a connection (pooled or new) and sends the request; a reused connection that turns
     * out dead before any response byte is replaced by a fresh one once (idempotent methods only),
     * without counting as an attempt.
     *
     * @param proxy the proxy the request goes through, or null
     */
    PooledExchange exchange(RequestSpec req, Target proxy, FetchResult.Builder r, Scratch scratch, Deadline deadline,
                      Connector.Phases phases) throws FetchException {
        Target t = req.target();
        String method = req.method();
        String key = t.scheme() + "://" + t.hostPort() + (proxy == null ? "" : " via " + proxy.hostPort());
        byte[] request = req.encode();
        Connection pooled = pool.take(key);
        if (pooled != null) {
            PooledExchange ex = new PooledExchange(pooled, pool, true, scratch.head, deadline, scratch.watch);
            try {
                return start(ex, req, request, r);
            } catch (FetchException e) {
                ex.close();
                boolean stale = ex.nothingReceived() && e.kind() == ErrorKind.TRUNCATED;
                if (!stale || !(FetchOptions.idempotent(method) || options.retryAllMethods())) {
                    throw e;
                }
                Wiretap.note(r, "the reused connection was closed by the server; opening a new one");
            }
        }
        Connection fresh = open(t, proxy, key, deadline, phases);
        PooledExchange ex = new PooledExchange(fresh, pool, false, scratch.head, deadline, scratch.watch);
        try {
            return start(ex, req, request, r);
        } catch (FetchException e) {
            ex.close();
            throw e;
        }
    }

    private PooledExchange start(PooledExchange ex, RequestSpec req, byte[] request, FetchResult.Builder r) throws FetchException {
        Connection c = ex.connection();
        r.connection(c.remoteAddress(), ex.reused(),
                c.tlsProtocol() == null ? null : new FetchResult.Tls(c.tlsProtocol(), c.tlsCipher()));
        Wiretap.connected(r, c, ex.reused());
        ex.send(request);
        Wiretap.request(r, req);
        try {
            Wiretap.response(r, ex.readHead(req.method(), options.limits()));
        } catch (FetchException e) {
            ResponseHead seen = ex.statusSeen(); // a failed result keeps the status it was told
            if (seen != null) {
                r.statusLine(seen.status(), seen.reason(), seen.version());
                Wiretap.response(r, seen); // -v shows the status line that came, before why the head failed
            }
            throw e;
        }
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
}
