package gather.http1;

import gather.result.FetchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One request and its response over a byte transport, as HTTP/1.1 frames them (RFC 9112):
 * {@link #send} the request's bytes, {@link #readHead} the final response head (interim 1xx heads
 * skipped, at most {@link #MAX_INTERIM} of them; 101 refused, as nothing here switches protocols),
 * which also picks the body's framing once ({@link BodyFraming#of}); then the caller reads
 * {@link #body()} and asks {@link #reusable()} whether the transport may carry another exchange.
 * Knows no URLs, pools, deadlines or retries: the caller installs a {@link HttpInput.ReadGuard}
 * for its deadlines and decides what to do with the transport.
 */
public final class Exchange {
    /** The most interim (1xx) heads accepted before the final one: a server cannot keep us reading heads forever. */
    public static final int MAX_INTERIM = 20;

    private final HttpInput in;
    private final OutputStream out;
    private ResponseHead head;
    private ResponseHead statusSeen;
    private BodyReader body;
    private BodyFraming framing;
    private long sentNanos;

    /**
     * @param headBuffer the read buffer (reused across exchanges by the caller); heads and small bodies land in it
     * @param guard      called around every read (deadlines), or null
     */
    public Exchange(InputStream in, OutputStream out, byte[] headBuffer, HttpInput.ReadGuard guard) {
        this.in = new HttpInput(in, headBuffer);
        this.in.guard(guard);
        this.out = out;
    }

    /** Writes the whole request; an I/O failure comes back as it is, for the caller to name. */
    public void send(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        sentNanos = System.nanoTime();
    }

    /** Reads the final response head (after any 1xx) and decides the body framing. */
    public ResponseHead readHead(String method, HttpLimits limits) throws FetchException {
        try {
            for (int interim = 0; ; interim++) {
                ResponseHead h = ResponseHead.read(in, limits, seen -> statusSeen = seen);
                if (h == null) {
                    throw FetchException.truncated(interim == 0
                            ? "empty reply from server" : "connection closed after an interim response");
                }
                if (h.status() == 101) {
                    throw FetchException.protocol("unexpected 101 Switching Protocols");
                }
                if (h.status() >= 200) {
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

    /**
     * The last final (2xx-5xx) status line read, even when the head it began was then cut off or
     * broken: what a failed result still reports. Null when none was read.
     */
    public ResponseHead statusSeen() {
        return statusSeen != null && statusSeen.status() >= 200 ? statusSeen : null;
    }

    public ResponseHead head() {
        return head;
    }

    public BodyFraming framing() {
        return framing;
    }

    public BodyReader body() {
        return body;
    }

    /** Nothing at all came back yet: a stale keep-alive connection looks like this. */
    public boolean nothingReceived() {
        return in.bytesRead() == 0;
    }

    /** Request sent to first response byte (0 when either did not happen). */
    public long ttfbNanos() {
        long first = in.firstByteNanos();
        return first == 0 || sentNanos == 0 ? 0 : Math.max(0, first - sentNanos);
    }

    /**
     * The transport may carry another exchange: a final head was read that keeps the connection
     * alive, its framing delimits the body (not until-close), every body byte was read, and no
     * byte beyond it is waiting in the buffer (one would belong to no request).
     */
    public boolean reusable() {
        return head != null && body != null
                && head.keepAlive()
                && framing.allowsReuse()
                && body.complete()
                && in.buffered() == 0;
    }
}
