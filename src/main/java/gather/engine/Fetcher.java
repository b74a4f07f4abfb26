package gather.engine;

import gather.body.OutputDir;
import gather.engine.check.BodyWatch;
import gather.engine.check.CheckContext;
import gather.engine.check.Checks;
import gather.http1.BodyFraming;
import gather.http1.ResponseHead;
import gather.net.ConnectionPool;
import gather.net.Connector;
import gather.plan.FetchOptions;
import gather.plan.Target;
import gather.result.CheckFailure;
import gather.result.ErrorKind;
import gather.result.FetchException;
import gather.result.FetchResult;
import java.time.Instant;
import java.util.List;

/**
 * Fetches one URL: attempts (the whole-request deadline, {@link Retry}) around redirects
 * ({@link RedirectPolicy}) around exchanges ({@link ConnectionUse}), then the final body
 * ({@link BodyDrain}) and the URL's checks ({@link Checks}). Policy only: bytes are http1's,
 * sockets net's.
 */
final class Fetcher {
    private final FetchOptions options;
    private final ConnectionUse connections;
    private final RequestBuilder requests;
    private final BodyDrain drain;
    private final OutputDir outputDir;
    private final HostGates gates;

    Fetcher(FetchOptions options, Connector connector, ConnectionPool pool, OutputDir outputDir, HostGates gates,
            String userAgent) {
        this.options = options;
        this.connections = new ConnectionUse(options, connector, pool);
        this.requests = new RequestBuilder(options.headers(), options.compressed(), userAgent);
        this.drain = new BodyDrain(options.maxSize(), options.compressed());
        this.outputDir = outputDir;
        this.gates = gates;
    }

    /** Attempts: one, and more while the failure is retryable, --retries allows and the deadline leaves time. */
    void fetch(Target target, Checks checks, String outputName, FetchResult.Builder r, Scratch scratch,
               Cancellation cancel) {
        long start = System.nanoTime();
        Deadline deadline = new Deadline(start, options.totalTimeoutNanos(), options.readTimeoutNanos());
        Connector.Phases phases = new Connector.Phases();
        try {
            for (int attempt = 1; ; attempt++) {
                r.attempts(attempt).clearFailure();
                Retry.Hint hint = new Retry.Hint();
                try {
                    hops(target, checks, outputName, r, scratch, start, deadline, phases, hint);
                    return;
                } catch (FetchException e) {
                    FetchException f = cancel.cancelled() ? new FetchException(ErrorKind.CANCELLED,
                            "cancelled before it finished") : e;
                    r.fail(f);
                    if (f.kind() == ErrorKind.CANCELLED || attempt > options.retries()
                            || !Retry.retryable(f, r.status(), options)) {
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
            r.phases(phases.dnsNanos, phases.connectNanos, phases.tlsNanos).totalNanos(System.nanoTime() - start);
        }
    }

    /** One attempt: redirects followed as the policy says, then the final response. */
    private void hops(Target original, Checks checks, String outputName, FetchResult.Builder r, Scratch scratch,
                      long start, Deadline deadline, Connector.Phases phases, Retry.Hint hint) throws FetchException {
        RedirectPolicy.Hop hop = RedirectPolicy.Hop.first(original, options.method(), options.body());
        r.redirects(0);
        while (true) {
            r.finalUrl(hop.target().toString());
            Target proxy = options.transport().unixSockets().pathFor(hop.target().host()) != null ? null
                    : options.proxy().proxyFor(hop.target());
            RequestSpec request = requests.build(hop.method(), hop.target(), hop.body(), hop.crossOrigin(), proxy);
            try (Exchange ex = connections.exchange(request, proxy, r, scratch, deadline, phases)) {
                ResponseHead head = ex.head();
                noteHead(head, ex, r);
                RedirectPolicy.Decision next = RedirectPolicy.decide(hop, head.status(),
                        head.headers().first("Location"), options.maxRedirects());
                if (next instanceof RedirectPolicy.Final) {
                    Retry.noteRetryAfter(head, hint);
                    finish(ex, head, checks, outputName, r, scratch, start);
                    return;
                }
                drain.discard(ex, scratch);
                ex.release();
                if (next instanceof RedirectPolicy.Refuse refuse) {
                    throw refuse.exception();
                }
                hop = ((RedirectPolicy.Follow) next).next();
                r.redirects(hop.redirects());
            }
        }
    }

    /** What the head says: status line, Content-Type, Content-Length (null when absent or invalid), ttfb. */
    private static void noteHead(ResponseHead head, Exchange ex, FetchResult.Builder r) {
        r.statusLine(head.status(), head.reason(), head.version());
        r.contentType(head.headers().first("Content-Type"));
        Long contentLength = null;
        if (head.headers().has("Content-Length")) {
            try {
                contentLength = BodyFraming.contentLength(head.headers());
            } catch (FetchException ignored) {
                // framing already judged it; an invalid length was a protocol error there
            }
        }
        r.contentLength(contentLength);
        r.ttfbNanos(ex.ttfbNanos());
    }

    /** The final response: its body (saved only when the status is accepted), then every check; a file is kept only if all pass. */
    private void finish(Exchange ex, ResponseHead head, Checks checks, String outputName, FetchResult.Builder r,
                        Scratch scratch, long start) throws FetchException {
        BodyWatch watch = checks.watch();
        boolean save = outputDir != null && checks.accepts(head.status()) && !options.headOnly();
        try (OutputDir.Pending file = save ? outputDir.open(outputName) : null) {
            Instant certNotAfter = ex.connection().certNotAfter();
            BodyDrain.Drained body = drain.readFinal(ex, head, r.contentLength(), watch.taps(),
                    file == null ? null : file.out(), scratch, r);
            ex.release();
            CheckContext facts = new CheckContext(head.status(), head.headers(), body.bytes(), body.sha256(), watch,
                    ex.ttfbNanos(), System.nanoTime() - start, certNotAfter, Instant.now());
            List<CheckFailure> failed = checks.evaluate(facts);
            if (!failed.isEmpty()) {
                r.checks(failed);
                throw Checks.verdict(failed, head.status(), head.reason());
            }
            if (file != null) {
                r.savedTo(file.commit().toString());
            }
        }
    }
}
