package gather.engine;

import gather.http1.BodyFraming;
import gather.http1.BodyReader;
import gather.http1.Exchange;
import gather.http1.HttpLimits;
import gather.http1.ResponseHead;
import gather.net.Connection;
import gather.net.ConnectionPool;
import gather.result.ErrorKind;
import gather.result.FetchException;
import java.io.IOException;

/**
 * An http1 {@link Exchange} on a connection from the pool, with the engine's policy around it:
 * the run's watchdog armed for its deadlines while it runs, a failed write named (the watchdog's
 * timeout, a cancel, or a connection closed under the request), and at the end
 * {@link #release()}: the connection goes back to the pool only when the exchange says it
 * {@linkplain Exchange#reusable() may carry another}; otherwise it is closed.
 */
final class PooledExchange implements AutoCloseable {
    private final Connection conn;
    private final ConnectionPool pool;
    private final boolean reused;
    private final Watchdog.Watch watch;
    private final Exchange wire;
    private boolean released;

    PooledExchange(Connection conn, ConnectionPool pool, boolean reused, byte[] headBuffer, Deadline deadline,
                   Watchdog.Watch watch) {
        this.conn = conn;
        this.pool = pool;
        this.reused = reused;
        this.watch = watch;
        this.wire = new Exchange(conn.in(), conn.out(), headBuffer, deadline.guard(watch));
        watch.arm(conn.transport(), deadline);
    }

    Connection connection() {
        return conn;
    }

    boolean reused() {
        return reused;
    }

    boolean nothingReceived() {
        return wire.nothingReceived();
    }

    void send(byte[] request) throws FetchException {
        try {
            wire.send(request);
        } catch (FetchException e) {
            throw e; // the connection already knew why (a server's TLS alert)
        } catch (IOException e) {
            FetchException fired = watch.fired();
            if (fired != null) {
                throw fired;
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new FetchException(ErrorKind.CANCELLED, "interrupted");
            }
            throw FetchException.truncated("connection closed while sending the request: " + e.getMessage());
        }
    }

    ResponseHead readHead(String method, HttpLimits limits) throws FetchException {
        return wire.readHead(method, limits);
    }

    /** The final status line read even when its head then broke (see {@link Exchange#statusSeen()}), or null. */
    ResponseHead statusSeen() {
        return wire.statusSeen();
    }

    ResponseHead head() {
        return wire.head();
    }

    BodyFraming framing() {
        return wire.framing();
    }

    BodyReader body() {
        return wire.body();
    }

    long ttfbNanos() {
        return wire.ttfbNanos();
    }

    /** Back to the pool if the exchange allows reuse, else closed. */
    void release() {
        if (released) {
            return;
        }
        released = true;
        watch.disarm();
        if (wire.reusable()) {
            conn.exchangeDone();
            pool.offer(conn);
        } else {
            conn.close();
        }
    }

    @Override
    public void close() {
        if (!released) {
            released = true;
            watch.disarm();
            conn.close();
        }
    }
}
