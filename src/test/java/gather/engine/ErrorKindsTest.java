package gather.engine;

import static gather.engine.EngineTestSupport.failedWith;
import static gather.engine.EngineTestSupport.gzip;
import static gather.engine.EngineTestSupport.sha256;
import static gather.engine.EngineTestSupport.succeeded;
import static gather.engine.EngineTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gather.cli.GatherCommand;
import gather.plan.FetchOptions;
import gather.result.ErrorKind;
import gather.result.FetchResult;
import gather.testing.GatherRun;
import gather.testing.RecordedRequest;
import gather.testing.ScriptedResponse;
import gather.testing.ScriptedServer;
import gather.testing.TestTls;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** One test at least per error kind of the contract, through the CLI: kind, status, bytes and exit code. */
@Timeout(30)
class ErrorKindsTest {

    @TempDir
    Path tmp;

    // ---- invalid_url ----------------------------------------------------------------------------

    @Test
    void unterminatedIpv6LiteralIsInvalidUrl() {
        JsonNode r = failedWith(GatherRun.json("http://[::1/"), "invalid_url");
        assertThat(r.get("status").isNull()).isTrue();
        assertThat(r.get("bytes").asLong()).isZero();
    }

    @Test
    void spaceInHostIsInvalidUrl() {
        JsonNode r = failedWith(GatherRun.json("http://exa mple.test/"), "invalid_url");
        assertThat(r.get("status").isNull()).isTrue();
    }

    @Test
    void crLfInUrlArgumentIsInvalidUrlAndNothingIsSent() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            GatherRun run = GatherRun.json(server.url("/a\r\nX-Injected: yes"));
            failedWith(run, "invalid_url");
            assertThat(server.requestCount()).isZero();
        }
    }

    @Test
    void badUrlInInputFileFailsOnlyThatUrl() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.setDispatcher(req -> ScriptedResponse.ok("fine"));
            Path input = tmp.resolve("urls.txt");
            Files.writeString(input, server.url("/good") + "\n" + server.url("/bad\u0000nul") + "\n"
                    + server.url("/also-good") + "\n", StandardCharsets.UTF_8);
            GatherRun run = GatherRun.json("-i", input.toString());
            assertThat(run.exitCode).isEqualTo(1);
            assertThat(run.errorKind(0)).isNull();
            assertThat(run.errorKind(1)).isEqualTo("invalid_url");
            assertThat(run.errorKind(2)).isNull();
            assertThat(run.json().get("results").get(1).get("status").isNull()).isTrue();
            assertThat(server.recordedRequests()).extracting(RecordedRequest::path)
                    .containsExactlyInAnyOrder("/good", "/also-good");
        }
    }

    @Test
    void crInInputFileLineNeverPutsAnInjectedHeaderOnTheWire() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.setDispatcher(req -> ScriptedResponse.ok("fine"));
            Path input = tmp.resolve("urls.txt");
            Files.writeString(input, server.url("/a") + "\rX-Injected: yes\n", StandardCharsets.UTF_8);
            GatherRun run = GatherRun.json("-i", input.toString());
            // a CR ends a line: whatever follows it is another (bad) URL, never part of a request
            for (RecordedRequest req : server.recordedRequests()) {
                assertThat(req.header("X-Injected")).isNull();
                assertThat(req.target()).doesNotContain("\r", "\n", " ");
            }
            JsonNode results = run.json().get("results");
            for (JsonNode r : results) {
                if (!r.get("ok").asBoolean()) {
                    assertThat(EngineTestSupport.kind(r)).isIn("invalid_url", "unsupported_scheme");
                }
            }
        }
    }

    // ---- unsupported_scheme ---------------------------------------------------------------------

    @Test
    void ftpUrlIsUnsupportedScheme() {
        JsonNode r = failedWith(GatherRun.json("ftp://files.test/pub/x.tar"), "unsupported_scheme");
        assertThat(r.get("status").isNull()).isTrue();
    }

    @Test
    void redirectToFtpIsUnsupportedScheme() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.redirect(302, "ftp://files.test/pub/x.tar"));
            failedWith(GatherRun.json(server.url("/go")), "unsupported_scheme");
            assertThat(server.requestCount()).isEqualTo(1);
        }
    }

    // ---- dns, connect ----------------------------------------------------------------------------

    @Test
    void unresolvableHostIsDns() {
        JsonNode r = failedWith(GatherRun.json("http://nope.invalid/"), "dns");
        assertThat(r.get("status").isNull()).isTrue();
        assertThat(r.get("remote_address").isNull()).isTrue();
    }

    @Test
    void refusedConnectionIsConnect() throws Exception {
        int port = EngineTestSupport.closedPort();
        JsonNode r = failedWith(GatherRun.json("http://127.0.0.1:" + port + "/"), "connect");
        assertThat(r.get("status").isNull()).isTrue();
    }

    // ---- tls -------------------------------------------------------------------------------------

    private static String[] tlsArgs(ScriptedServer server, String... extra) {
        String[] base = {server.urlWithHost("localhost", "/secure"), "--resolve",
                "localhost:" + server.port() + ":127.0.0.1"};
        String[] all = Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @ParameterizedTest
    @ValueSource(strings = {TestTls.SELFSIGNED_P12, TestTls.EXPIRED_P12, TestTls.WRONGHOST_P12})
    void badCertificateIsTls(String keyStore) {
        try (ScriptedServer server = ScriptedServer.tls(keyStore)) {
            server.setDispatcher(req -> ScriptedResponse.ok("secret"));
            JsonNode r = failedWith(GatherRun.json(tlsArgs(server, "--cacert", TestTls.caPemPath().toString())), "tls");
            assertThat(r.get("status").isNull()).isTrue();
            assertThat(server.requestCount()).isZero();
        }
    }

    /** With --cacert, a refused certificate's message says why: unknown issuer, expired, another host. */
    @ParameterizedTest
    @CsvSource({
        TestTls.SELFSIGNED_P12 + ", certificate of localhost is not trusted (unknown issuer; see --cacert or -k)",
        TestTls.EXPIRED_P12 + ", certificate of localhost has expired",
        TestTls.WRONGHOST_P12 + ", certificate does not match host name localhost"})
    void badCertificateUnderCacertSaysWhy(String keyStore, String message) {
        try (ScriptedServer server = ScriptedServer.tls(keyStore)) {
            server.setDispatcher(req -> ScriptedResponse.ok("secret"));
            JsonNode r = failedWith(GatherRun.json(tlsArgs(server, "--cacert", TestTls.caPemPath().toString())), "tls");
            assertThat(r.get("error").get("message").asText()).isEqualTo(message);
        }
    }

    @Test
    void goodCertificateTrustedViaCacertPasses() {
        try (ScriptedServer server = ScriptedServer.tls(TestTls.LOCALHOST_P12)) {
            server.setDispatcher(req -> ScriptedResponse.ok("secret"));
            JsonNode r = succeeded(GatherRun.json(tlsArgs(server, "--cacert", TestTls.caPemPath().toString())));
            assertThat(r.get("status").asInt()).isEqualTo(200);
            assertThat(r.get("bytes").asLong()).isEqualTo(6);
            assertThat(r.get("tls").get("protocol").asText()).startsWith("TLS");
        }
    }

    @Test
    void goodCertificateWithoutCacertIsTls() {
        try (ScriptedServer server = ScriptedServer.tls(TestTls.LOCALHOST_P12)) {
            failedWith(GatherRun.json(tlsArgs(server)), "tls");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {TestTls.SELFSIGNED_P12, TestTls.EXPIRED_P12, TestTls.WRONGHOST_P12})
    void insecureAcceptsEveryBadCertificate(String keyStore) {
        try (ScriptedServer server = ScriptedServer.tls(keyStore)) {
            server.setDispatcher(req -> ScriptedResponse.ok("secret"));
            JsonNode r = succeeded(GatherRun.json(tlsArgs(server, "-k")));
            assertThat(r.get("bytes").asLong()).isEqualTo(6);
            assertThat(r.get("tls").isNull()).isFalse();
        }
    }

    @Test
    void ipLiteralUrlsVerifyAgainstIpSubjectAltNames() throws Exception {
        try (ScriptedServer server = ScriptedServer.tls(TestTls.LOCALHOST_P12)) {
            server.setDispatcher(req -> ScriptedResponse.ok("secret"));
            succeeded(GatherRun.json(server.url("/v4"), "--cacert", TestTls.caPemPath().toString()));
        }
        if (EngineTestSupport.canBindIpv6Loopback()) {
            try (ScriptedServer server = ScriptedServer.tlsIpv6(TestTls.LOCALHOST_P12)) {
                server.setDispatcher(req -> ScriptedResponse.ok("secret"));
                succeeded(GatherRun.json(server.url("/v6"), "--cacert", TestTls.caPemPath().toString()));
            }
        }
    }

    // ---- timeout ---------------------------------------------------------------------------------

    @Test
    void stalledBodyHitsReadTimeout() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok("never all of it").stall());
            long t0 = System.nanoTime();
            JsonNode r = failedWith(GatherRun.json(server.url("/slow"), "--read-timeout", "0.5"), "timeout");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.get("status").asInt()).isEqualTo(200); // the head arrived
            assertThat(r.get("bytes").asLong()).isZero();
            assertThat(ms).isBetween(400L, 5_000L);
        }
    }

    @Test
    void stalledHeadHitsReadTimeout() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok("x").stallAfterBytes(0));
            JsonNode r = failedWith(GatherRun.json(server.url("/slow"), "--read-timeout", "0.5"), "timeout");
            assertThat(r.get("status").isNull()).isTrue();
        }
    }

    @Test
    void tricklingServerCannotOutliveTheWholeRequestTimeout() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            byte[] body = new byte[100_000]; // one byte every 200 ms: 5.5 hours
            server.enqueue(ScriptedResponse.ok(body).throttle(1, Duration.ofMillis(200)));
            long t0 = System.nanoTime();
            JsonNode r = failedWith(GatherRun.json(server.url("/trickle"), "--timeout", "1", "--read-timeout", "5"),
                    "timeout");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).as("elapsed ms").isBetween(800L, 4_000L);
            assertThat(r.get("bytes").asLong()).isLessThan(body.length);
        }
    }

    // ---- protocol, truncated ---------------------------------------------------------------------

    @Test
    void badStatusLineIsProtocol() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.raw("HTTP/1.1 abc Nope\r\nContent-Length: 0\r\n\r\n"));
            JsonNode r = failedWith(GatherRun.json(server.url("/")), "protocol");
            assertThat(r.get("status").isNull()).isTrue();
        }
    }

    @Test
    void emptyReplyIsTruncated() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok("x").closeImmediately());
            JsonNode r = failedWith(GatherRun.json(server.url("/")), "truncated");
            assertThat(r.get("status").isNull()).isTrue();
            assertThat(r.get("bytes").asLong()).isZero();
        }
    }

    @Test
    void bodyShorterThanContentLengthIsTruncated() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok("hello").header("Content-Length", "10").keepOpen(false));
            JsonNode r = failedWith(GatherRun.json(server.url("/")), "truncated");
            assertThat(r.get("status").asInt()).isEqualTo(200);
            assertThat(r.get("content_length").asLong()).isEqualTo(10);
            assertThat(r.get("bytes").asLong()).isEqualTo(5);
            assertThat(r.get("sha256").asText()).isEqualTo(sha256(utf8("hello")));
        }
    }

    // ---- too_large -------------------------------------------------------------------------------

    @Test
    void bodyOverMaxSizeIsTooLarge() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok(new byte[100]));
            JsonNode r = failedWith(GatherRun.json(server.url("/"), "--max-size", "10"), "too_large");
            assertThat(r.get("status").asInt()).isEqualTo(200);
            assertThat(r.get("bytes").asLong()).isLessThanOrEqualTo(10);
        }
    }

    @Test
    void chunkedBodyOverMaxSizeIsTooLarge() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok().chunked(new byte[100], 7));
            JsonNode r = failedWith(GatherRun.json(server.url("/"), "--max-size", "10"), "too_large");
            assertThat(r.get("bytes").asLong()).isLessThanOrEqualTo(10);
        }
    }

    @Test
    void gzipBombUnderCompressedIsTooLarge() {
        byte[] bomb = gzip(new byte[10 * 1024 * 1024]);
        assertThat(bomb.length).isLessThan(1024 * 1024); // the wire body itself is well under the limit
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok(bomb).header("Content-Encoding", "gzip"));
            JsonNode r = failedWith(GatherRun.json(server.url("/bomb"), "--compressed", "--max-size", "1M"),
                    "too_large");
            assertThat(r.get("bytes").asLong()).isLessThanOrEqualTo(1024 * 1024);
        }
    }

    // ---- too_many_redirects ----------------------------------------------------------------------

    @Test
    void redirectLoopIsTooManyRedirects() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.setDispatcher(req -> ScriptedResponse.redirect(302, req.path().equals("/a") ? "/b" : "/a"));
            failedWith(GatherRun.json(server.url("/a")), "too_many_redirects");
            assertThat(server.requestCount()).isLessThanOrEqualTo(11);
        }
    }

    @Test
    void chainLongerThanMaxRedirectsIsTooManyRedirects() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.setDispatcher(ErrorKindsTest::chain);
            failedWith(GatherRun.json(server.url("/r1"), "--max-redirects", "2"), "too_many_redirects");
        }
    }

    @Test
    void chainAsLongAsMaxRedirectsSucceeds() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.setDispatcher(ErrorKindsTest::chain);
            JsonNode r = succeeded(GatherRun.json(server.url("/r3"), "--max-redirects", "2"));
            assertThat(r.get("redirects").asInt()).isEqualTo(2);
            assertThat(r.get("final_url").asText()).isEqualTo(server.url("/end"));
        }
    }

    /** /r1 -> /r2 -> /r3 -> /r4 -> /end */
    private static ScriptedResponse chain(RecordedRequest req) {
        return switch (req.path()) {
            case "/r1" -> ScriptedResponse.redirect(302, "/r2");
            case "/r2" -> ScriptedResponse.redirect(302, "/r3");
            case "/r3" -> ScriptedResponse.redirect(302, "/r4");
            case "/r4" -> ScriptedResponse.redirect(302, "/end");
            default -> ScriptedResponse.ok("the end");
        };
    }

    // ---- http_status -----------------------------------------------------------------------------

    @Test
    void notFoundIsHttpStatusAndItsBodyIsDescribed() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            byte[] body = utf8("<h1>no such page</h1>");
            server.enqueue(ScriptedResponse.of(404).body(body));
            JsonNode r = failedWith(GatherRun.json(server.url("/missing")), "http_status");
            assertThat(r.get("status").asInt()).isEqualTo(404);
            assertThat(r.get("bytes").asLong()).isEqualTo(body.length);
            assertThat(r.get("sha256").asText()).isEqualTo(sha256(body));
        }
    }

    // ---- io --------------------------------------------------------------------------------------

    @Test
    void outputDirBelowARegularFileIsIo() throws Exception {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok("body"));
            GatherRun run = GatherRun.json(server.url("/page.html"), "--output-dir", file.resolve("sub").toString());
            failedWith(run, "io");
            assertThat(Files.isRegularFile(file)).isTrue();
        }
    }

    // ---- expectation -----------------------------------------------------------------------------

    @Test
    void expectTextFoundPasses() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok("<html>Welcome, user</html>"));
            succeeded(GatherRun.json(server.url("/"), "--expect-text", "Welcome"));
        }
    }

    @Test
    void expectTextMissingIsExpectation() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            byte[] body = utf8("<html>Service unavailable</html>");
            server.enqueue(ScriptedResponse.ok(body));
            JsonNode r = failedWith(GatherRun.json(server.url("/"), "--expect-text", "Welcome"), "expectation");
            assertThat(r.get("status").asInt()).isEqualTo(200);
            assertThat(r.get("bytes").asLong()).isEqualTo(body.length);
            assertThat(r.get("sha256").asText()).isEqualTo(sha256(body));
        }
    }

    @Test
    void expectTextIsCheckedOnTheDecodedBody() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok(gzip(utf8("<html>Welcome, user</html>")))
                    .header("Content-Encoding", "gzip"));
            succeeded(GatherRun.json(server.url("/"), "--compressed", "--expect-text", "Welcome"));
        }
    }

    @Test
    void expectHeaderPresentWithValuePasses() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok("x").header("X-Build", "release-42"));
            succeeded(GatherRun.json(server.url("/"), "--expect-header", "X-Build: release"));
        }
    }

    @Test
    void expectHeaderNameIsCaseInsensitive() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok("x").header("X-Build", "release-42"));
            succeeded(GatherRun.json(server.url("/"), "--expect-header", "x-build: release"));
        }
    }

    @Test
    void expectTextIsFoundAcrossReadAndChunkBoundaries() {
        String needle = "caf\u00e9-needle-\u2603";
        byte[] needleBytes = utf8(needle);
        byte[] body = new byte[200_000];
        java.util.Arrays.fill(body, (byte) 'a');
        int at = 4_099 * 16 - 4; // straddles a chunk (and read) boundary inside a multi-byte character
        System.arraycopy(needleBytes, 0, body, at, needleBytes.length);
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok().chunked(body, 4_099));
            JsonNode r = succeeded(GatherRun.json(server.url("/"), "--expect-text", needle));
            assertThat(r.get("bytes").asLong()).isEqualTo(body.length);
        }
    }

    @Test
    void everyExpectTextMustBeFound() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok("alpha beta"));
            failedWith(GatherRun.json(server.url("/"), "--expect-text", "alpha", "--expect-text", "gamma"),
                    "expectation");
        }
    }

    @Test
    void expectHeaderAbsentIsExpectation() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok("x"));
            JsonNode r = failedWith(GatherRun.json(server.url("/"), "--expect-header", "X-Build: release"),
                    "expectation");
            assertThat(r.get("status").asInt()).isEqualTo(200);
        }
    }

    @Test
    void expectHeaderWithOtherValueIsExpectation() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok("x").header("X-Build", "debug-42"));
            failedWith(GatherRun.json(server.url("/"), "--expect-header", "X-Build: release"), "expectation");
        }
    }

    // ---- cancelled -------------------------------------------------------------------------------

    /** FetchOptions exactly as the CLI builds them from these arguments (GatherCommand.options()). */
    static FetchOptions optionsFor(String... args) throws Exception {
        PrintWriter pw = new PrintWriter(new StringWriter());
        CommandLine cl = GatherCommand.commandLine(pw, pw);
        cl.parseArgs(args);
        GatherCommand cmd = cl.getCommand();
        GatherCommand.testHooks(cmd, new ByteArrayInputStream(new byte[0]), Map.of());
        Method options = GatherCommand.class.getDeclaredMethod("options");
        options.setAccessible(true);
        return (FetchOptions) options.invoke(cmd);
    }

    @Test
    void cancelDuringAStalledResponseIsCancelledAndPrompt() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok("never").stallAfterBytes(0));
            String url = server.url("/stalled");
            Engine engine = new Engine(optionsFor(url), "gather-test");
            List<FetchResult> results = new CopyOnWriteArrayList<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Iterator<String> urls = List.of(url).iterator();
            Thread runner = Thread.ofPlatform().start(() -> {
                try {
                    engine.run(() -> urls.hasNext() ? urls.next() : null, results::add);
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            server.takeRequest(); // the request is on the wire and the response stalls
            long t0 = System.nanoTime();
            engine.cancel();
            runner.join(Duration.ofSeconds(5));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(runner.isAlive()).as("run() still running 5 s after cancel()").isFalse();
            assertThat(failure.get()).isNull();
            assertThat(ms).isLessThan(2_000);
            assertThat(engine.cancelled()).isTrue();
            assertThat(results).hasSize(1);
            assertThat(results.get(0).errorKind()).isEqualTo(ErrorKind.CANCELLED);
            assertThat(results.get(0).ok()).isFalse();
        }
    }

    /** Runs the engine on these URLs in a thread; {@code taken} counts down as each URL is handed to a worker. */
    private static Thread startRun(Engine engine, List<String> urlList, List<FetchResult> results,
                                   java.util.concurrent.CountDownLatch taken) {
        Iterator<String> urls = urlList.iterator();
        return Thread.ofPlatform().start(() -> {
            try {
                engine.run(() -> {
                    String next = urls.hasNext() ? urls.next() : null;
                    if (next != null) {
                        taken.countDown();
                    }
                    return next;
                }, results::add);
            } catch (InterruptedException ignored) {
                // checked through isAlive
            }
        });
    }

    @Test
    void cancelWhileConnectingIsCancelledAndPrompt() throws Exception {
        try (var hole = new EngineTestSupport.BlackHole(java.net.InetAddress.getLoopbackAddress(), 0)) {
            org.junit.jupiter.api.Assumptions.assumeTrue(hole.swallowsConnects(), "no black hole here");
            String url = "http://127.0.0.1:" + hole.port() + "/";
            Engine engine = new Engine(optionsFor(url, "--connect-timeout", "20"), "gather-test");
            List<FetchResult> results = new CopyOnWriteArrayList<>();
            var taken = new java.util.concurrent.CountDownLatch(1);
            Thread runner = startRun(engine, List.of(url), results, taken);
            taken.await(); // the worker has its URL: the connect it makes cannot finish (the SYN is ignored)
            long t0 = System.nanoTime();
            engine.cancel();
            runner.join(Duration.ofSeconds(5));
            assertThat(runner.isAlive()).isFalse();
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2_000L);
            assertThat(results).hasSize(1);
            assertThat(results.get(0).errorKind()).isEqualTo(ErrorKind.CANCELLED);
        }
    }

    @Test
    void cancelWhileWaitingForARateSlotIsPrompt() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.setDispatcher(req -> ScriptedResponse.ok("x"));
            List<String> urls = List.of(server.url("/first"), server.url("/second"));
            Engine engine = new Engine(optionsFor(urls.get(0), "-j", "2", "--rate", "1/m"), "gather-test");
            List<FetchResult> results = new CopyOnWriteArrayList<>();
            var taken = new java.util.concurrent.CountDownLatch(2);
            Thread runner = startRun(engine, urls, results, taken);
            server.takeRequest(); // the first started; the second waits a minute for its slot
            taken.await(); // the second worker has its URL: its next step is the rate wait
            long t0 = System.nanoTime();
            engine.cancel();
            runner.join(Duration.ofSeconds(5));
            assertThat(runner.isAlive()).isFalse();
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2_000L);
            assertThat(server.requestCount()).isEqualTo(1);
            assertThat(results).extracting(x -> x.errorKind()).contains(ErrorKind.CANCELLED);
        }
    }

    @Test
    void cancelWhileWaitingToRetryIsCancelled() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain()) {
            var answered = new java.util.concurrent.CountDownLatch(1);
            server.setDispatcher(req -> {
                answered.countDown();
                return ScriptedResponse.of(503).header("Retry-After", "30");
            });
            String url = server.url("/busy");
            Engine engine = new Engine(optionsFor(url, "--retries", "3"), "gather-test");
            List<FetchResult> results = new CopyOnWriteArrayList<>();
            Iterator<String> urls = List.of(url).iterator();
            Thread runner = Thread.ofPlatform().start(() -> {
                try {
                    engine.run(() -> urls.hasNext() ? urls.next() : null, results::add);
                } catch (InterruptedException ignored) {
                    // checked below through isAlive
                }
            });
            answered.await(); // the 503 is on its way: the next step is the 30 s retry wait
            engine.cancel();
            runner.join(Duration.ofSeconds(5));
            assertThat(runner.isAlive()).isFalse();
            assertThat(results).hasSize(1);
            assertThat(results.get(0).errorKind()).isEqualTo(ErrorKind.CANCELLED);
            assertThat(server.requestCount()).isEqualTo(1);
        }
    }
}
