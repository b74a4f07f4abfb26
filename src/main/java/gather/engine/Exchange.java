package gather.engine;

import gather.http1.BodyFraming;
import gather.http1.BodyReader;
import gather.http1.HttpInput;
import gather.http1.HttpLimits;
import gather.http1.ResponseHead;
import gather.net.Connection;
import gather.net.ConnectionPool;
import gather.result.ErrorKind;
import gather.result.FetchException;
import java.io.IOException;

/**
 * One request and its response on one connection: send, read the head (skipping 1xx), then the
 * caller reads {@link #body()} and calls {@link #release()}, which gives the connection back to
 * the pool only when the framing allows and every byte was consumed; otherwise it is closed.
 */
final class Exchange implements AutoCloseable {
    private static final int MAX_INTERIM = 20;

    private final Connection conn;
    private final ConnectionPool pool;
    private final HttpInput in;
    private final boolean reused;
    private ResponseHead head;
    private BodyReader body;
    private BodyFraming framing;
    private long sentNanos;
    private boolean released;

    private final Watchdog.Watch watch;

    Exchange(Connection conn, ConnectionPool pool, boolean reused, byte[] headBuffer, Deadline deadline,
             Watchdog.Watch watch) {
        this.conn = conn;
        this.pool = pool;
        this.reused = reused;
        this.watch = watch;
        this.in = new HttpInput(conn.in(), headBuffer);
        this.in.guard(deadline.guard(watch));
        watch.arm(conn.transport(), deadline);
    }

    Connection connection() {
        return conn;
    }

    boolean reused() {
        return reused;
    }

    /** Nothing at all came back yet: a stale keep-alive connection looks like this. */
    boolean nothingReceived() {
        return in.bytesRead() == 0;
    }

    void send(byte[] request) throws FetchException {
        try {
            conn.out().write(request);
            conn.out().flush();
            sentNanos = System.nanoTime();
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

    /** Reads the final response head (after any 1xx) and decides the body framing. */
    ResponseHead readHead(String method, HttpLimits limits) throws FetchException {
        try {
            for (int interim = 0; ; interim++) {
                ResponseHead h = ResponseHead.read(in, limits);
                if (h == null) {
                    throw FetchException.truncated(interim == 0
                            ? "empty reply from server" : "connection closed after an interim response");
                }
                if (h.status() >= 200 || h.status() == 101) {
                    if (h.status() == 101) {
                        throw FetchException.protocol("unexpected 101 Switching Protocols");
                    }
                    head = h;
                    framing = BodyFraming.of(method, h.status(), h.headers());
                    body = BodyReader.open(in, framing, limits);
                    return h;
                }
                if (interim >= MAX_INTERIM) {
                    throw FetchException.protocol("more than " + MAX_INTERIM + " interim (1xx) responses");
                }
            }
        } catch (FetchException e) {
            throw e;
        } catch (IOException e) {
            throw FetchException.truncated("connection broken while reading the response: " + e.getMessage());
        }
    }

    ResponseHead head() {
        return head;
    }

    BodyFraming framing() {
        return framing;
    }

    BodyReader body() {
        return body;
    }

    /** Request sent to first response byte. */
    long ttfbNanos() {
        long first = in.firstByteNanos();
        return first == 0 || sentNanos == 0 ? 0 : Math.max(0, first - sentNanos);
    }

    /** Back to the pool if clean and complete, else closed. */
    void release() {
        if (released) {
            return;
        }
        released = true;
        watch.disarm();
        boolean reusable = head != null && body != null && body.complete() && framing.allowsReuse()
                && head.keepAlive() && in.buffered() == 0;
        if (reusable) {
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
