package gather.engine;

import gather.body.OutputDir;
import gather.body.PartialFile;
import gather.body.Validators;
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
import java.io.IOException;
import java.io.InputStream;
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
    /** -C / -N: what the output directory's files were saved from; null without them. */
    private final Validators sidecar;

    Fetcher(FetchOptions options, Connector connector, ConnectionPool pool, OutputDir outputDir, HostGates gates,
            String userAgent) {
        this(options, connector, pool, outputDir, gates, userAgent, null);
    }

    Fetcher(FetchOptions options, Connector connector, ConnectionPool pool, OutputDir outputDir, HostGates gates,
            String userAgent, Validators sidecar) {
        this.sidecar = sidecar;
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
                    Wiretap.note(r, "attempt " + attempt + " failed: " + f.kind().wireName() + ": " + f.getMessage());
                    if (f.kind() == ErrorKind.CANCELLED || attempt > options.retries()
                            || !Retry.retryable(f, r.status(), options)) {
                        return;
                    }
                    long wait = Retry.backoffNanos(attempt, hint.retryAfterNanos, options.retryMaxWaitNanos());
                    Wiretap.note(r, "retrying in " + wait / 1_000_000 + " ms");
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
        LocalCopy copy = sidecar == null || outputDir == null || outputName == null || options.headOnly() ? null
                : LocalCopy.look(outputDir.dir(), outputName, original.toString(), sidecar, options.resume(),
                        options.timestamping());
        while (true) {
            r.finalUrl(hop.target().toString());
            Target proxy = options.transport().unixSockets().pathFor(hop.target().host()) != null ? null
                    : options.proxy().proxyFor(hop.target());
            RequestSpec request = requests.build(hop.method(), hop.target(), hop.body(), hop.crossOrigin(), proxy)
                    .with(copy == null ? List.of() : copy.fields());
            try (PooledExchange ex = connections.exchange(request, proxy, r, scratch, deadline, phases)) {
                ResponseHead head = ex.head();
                gates.heard(hop.target().hostPort(), head.headers());
                noteHead(head, ex, r);
                RedirectPolicy.Decision next = RedirectPolicy.decide(hop, head.status(),
                        head.headers().first("Location"), options.maxRedirects());
                if (next instanceof RedirectPolicy.Final) {
                    Retry.noteRetryAfter(head, hint);
                    LocalCopy.Outcome outcome = copy == null ? LocalCopy.Outcome.NORMAL : copy.decide(head.status(),
                            head.headers());
                    switch (outcome) {
                        case NORMAL -> finish(ex, head, checks, outputName, r, scratch, start, copy);
                        case APPEND -> append(ex, head, checks, r, scratch, start, copy);
                        case NOT_MODIFIED, WHOLE -> kept(ex, r, scratch, copy, outcome);
                        case START_OVER -> {
                            copy = copy.startOver(); // the exchange closes unreleased: its body is not wanted
                            continue;
                        }
                    }
                    return;
                }
                drain.discard(ex, scratch);
                ex.release();
                if (next instanceof RedirectPolicy.Refuse refuse) {
                    throw refuse.exception();
                }
                hop = ((RedirectPolicy.Follow) next).next();
                r.redirects(hop.redirects());
                Wiretap.note(r, "redirect " + hop.redirects() + " to " + hop.target());
            } catch (FetchException e) {
                r.reproduce(CurlCommand.of(request, proxy, options)); // the request this attempt failed on
                throw e;
            }
        }
    }

    /** What the head says: status line, Content-Type, Content-Length (null when absent or invalid), ttfb. */
    private static void noteHead(ResponseHead head, PooledExchange ex, FetchResult.Builder r) {
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
    private void finish(PooledExchange ex, ResponseHead head, Checks checks, String outputName, FetchResult.Builder r,
                        Scratch scratch, long start, LocalCopy copy) throws FetchException {
        boolean save = outputDir != null && checks.accepts(head.status()) && !options.headOnly();
        if (save && copy != null && copy.partial != null) {
            try (PartialFile part = copy.partial) {
                Validators.Entry origin = copy.origin(head.headers());
                drainAndCheck(ex, head, checks, r, scratch, start, part.open(origin, false, false), null);
                r.savedTo(part.commit().toString());
                sidecar.put(copy.name, origin);
            }
            return;
        }
        try (OutputDir.Pending file = save ? outputDir.open(outputName) : null) {
            drainAndCheck(ex, head, checks, r, scratch, start, file == null ? null : file.out(), null);
            if (file != null) {
                r.savedTo(file.commit().toString());
                if (copy != null) {
                    sidecar.put(copy.name, copy.origin(head.headers()));
                }
            }
        }
    }

    /** -C: a 206 that continues our bytes: appended to the part, hashed after them, the whole file checked. */
    private void append(PooledExchange ex, ResponseHead head, Checks checks, FetchResult.Builder r, Scratch scratch,
                        long start, LocalCopy copy) throws FetchException {
        try (PartialFile part = copy.partial; InputStream saved = copy.readBase()) {
            Validators.Entry origin = copy.origin(head.headers());
            var out = part.open(origin, copy.base == LocalCopy.Base.PART, copy.base == LocalCopy.Base.FILE);
            r.resumedFrom(copy.offset);
            drainAndCheck(ex, head, checks, r, scratch, start, out, saved);
            r.savedTo(part.commit().toString());
            sidecar.put(copy.name, origin);
        } catch (IOException e) {
            throw new FetchException(ErrorKind.IO, "cannot read " + copy.target + "'s saved part: " + e.getMessage(), e);
        }
    }

    /**
     * -N's 304 (the saved file stands: nothing arrived) or -C's 416 for bytes that are whole (their
     * size and hash are the file's): ok whatever --accept-status says, and no check runs, since the
     * body they would judge did not come in this response.
     */
    private void kept(PooledExchange ex, FetchResult.Builder r, Scratch scratch, LocalCopy copy, LocalCopy.Outcome outcome)
            throws FetchException {
        drain.discard(ex, scratch);
        ex.release();
        if (outcome == LocalCopy.Outcome.NOT_MODIFIED) {
            drain.readSaved(InputStream.nullInputStream(), List.of(), scratch, r);
            r.notModified(true).savedTo(copy.target.toString());
            return;
        }
        try (InputStream saved = copy.readBase()) {
            drain.readSaved(saved, List.of(), scratch, r);
        } catch (IOException e) {
            throw new FetchException(ErrorKind.IO, "cannot read " + copy.target + ": " + e.getMessage(), e);
        }
        r.resumedFrom(copy.offset);
        r.savedTo(copy.base == LocalCopy.Base.PART ? copy.partial.commit().toString() : copy.target.toString());
    }

    /** Reads the body (after {@code saved}'s bytes, if any) into {@code out} and evaluates every check. */
    private void drainAndCheck(PooledExchange ex, ResponseHead head, Checks checks, FetchResult.Builder r, Scratch scratch,
                               long start, java.io.OutputStream out, InputStream saved) throws FetchException {
        BodyWatch watch = checks.watch();
        Instant certNotAfter = ex.connection().certNotAfter();
        BodyDrain.Drained body = drain.readFinal(ex, head, r.contentLength(), watch.taps(), out, saved, scratch, r);
        ex.release();
        CheckContext facts = new CheckContext(head.status(), head.headers(), body.bytes(), body.sha256(), watch,
                ex.ttfbNanos(), System.nanoTime() - start, certNotAfter, Instant.now());
        List<CheckFailure> failed = checks.evaluate(facts);
        if (!failed.isEmpty()) {
            r.checks(failed);
            throw Checks.verdict(failed, head.status(), head.reason());
        }
    }
}
