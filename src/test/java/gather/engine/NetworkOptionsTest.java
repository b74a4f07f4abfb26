package gather.engine;

import static gather.engine.EngineTestSupport.BROTLI_HELLO;
import static gather.engine.EngineTestSupport.brotliStored;
import static gather.engine.EngineTestSupport.deflate;
import static gather.engine.EngineTestSupport.failedWith;
import static gather.engine.EngineTestSupport.gzip;
import static gather.engine.EngineTestSupport.sha256;
import static gather.engine.EngineTestSupport.succeeded;
import static gather.engine.EngineTestSupport.timing;
import static gather.engine.EngineTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import gather.result.FetchResult;
import gather.testing.FakeDns;
import gather.testing.GatherRun;
import gather.testing.RecordedRequest;
import gather.testing.ScriptedResponse;
import gather.testing.ScriptedServer;
import gather.testing.TestTls;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.brotli.dec.BrotliInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One test at least per network option, through the CLI, against scripted loopback servers. */
@Timeout(30)
class NetworkOptionsTest {

    private static final String CA = TestTls.caPemPath().toString();

    private static GatherRun withEnv(Map<String, String> env, String... args) {
        List<String> a = new ArrayList<>();
        a.add("--json");
        a.addAll(List.of(args));
        return GatherRun.run(null, env, a.toArray(String[]::new));
    }

    private static String[] urls(ScriptedServer server, int n) {
        String[] u = new String[n];
        for (int i = 0; i < n; i++) {
            u[i] = server.url("/p" + i);
        }
        return u;
    }

    private static String[] concat(String[] a, String... b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }

    // ---- --resolve -------------------------------------------------------------------------------

    @Test
    void resolveConnectsToTheGivenAddressWithoutDnsAndKeepsTheHostHeader() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok("resolved"));
            int port = server.port();
            JsonNode r = succeeded(GatherRun.json("http://site.test:" + port + "/",
                    "--resolve", "site.test:" + port + ":127.0.0.1"));
            assertThat(server.takeRequest().header("Host")).isEqualTo("site.test:" + port);
            assertThat(FakeDns.lookups("site.test")).isZero();
            assertThat(r.get("remote_address").asText()).isEqualTo("127.0.0.1:" + port);
            assertThat(timing(r, "dns")).isZero();
        }
    }

    // ---- -4 / -6 ---------------------------------------------------------------------------------

    @Test
    void ipv4OnlyConnectsOverIpv4() throws Exception {
        assumeTrue(EngineTestSupport.canBindIpv6Loopback(), "::1 cannot be bound here");
        try (ScriptedServer v4 = ScriptedServer.plain();
             var v6 = new EngineTestSupport.CountingListener(InetAddress.getByName("::1"), v4.port())) {
            v4.enqueue(ScriptedResponse.ok("four"));
            FakeDns.register("dual4.test", "::1", "127.0.0.1");
            JsonNode r = succeeded(GatherRun.json("-4", "http://dual4.test:" + v4.port() + "/"));
            assertThat(r.get("remote_address").asText()).isEqualTo("127.0.0.1:" + v4.port());
            assertThat(r.get("bytes").asLong()).isEqualTo(4);
            assertThat(v6.accepted()).isZero();
        }
    }

    @Test
    void ipv6OnlyConnectsOverIpv6() throws Exception {
        assumeTrue(EngineTestSupport.canBindIpv6Loopback(), "::1 cannot be bound here");
        try (ScriptedServer v6 = ScriptedServer.plainIpv6();
             var v4 = new EngineTestSupport.CountingListener(InetAddress.getLoopbackAddress(), v6.port())) {
            v6.enqueue(ScriptedResponse.ok("six"));
            FakeDns.register("dual6.test", "127.0.0.1", "::1");
            JsonNode r = succeeded(GatherRun.json("-6", "http://dual6.test:" + v6.port() + "/"));
            assertThat(isIpv6Loopback(r.get("remote_address").asText(), v6.port())).isTrue();
            assertThat(r.get("bytes").asLong()).isEqualTo(3);
            assertThat(v4.accepted()).isZero();
        }
    }

    @Test
    void ipv6OnlyWithAnIpv4OnlyNameIsDns() {
        FakeDns.register("only4.test", "127.0.0.1");
        failedWith(GatherRun.json("-6", "http://only4.test:1/"), "dns");
    }

    @Test
    void bothFamiliesPreferIpv6First() throws Exception {
        assumeTrue(EngineTestSupport.canBindIpv6Loopback(), "::1 cannot be bound here");
        try (ScriptedServer v6 = ScriptedServer.plainIpv6();
             var v4 = new EngineTestSupport.CountingListener(InetAddress.getLoopbackAddress(), v6.port())) {
            v6.enqueue(ScriptedResponse.ok("six"));
            FakeDns.register("dualany.test", "127.0.0.1", "::1");
            JsonNode r = succeeded(GatherRun.json("http://dualany.test:" + v6.port() + "/"));
            assertThat(isIpv6Loopback(r.get("remote_address").asText(), v6.port())).isTrue();
        }
    }

    /** "[::1]:PORT" in any textual form of ::1 (the contract does not fix IPv6 spelling). */
    private static boolean isIpv6Loopback(String remote, int port) throws Exception {
        assertThat(remote).startsWith("[").endsWith("]:" + port);
        String addr = remote.substring(1, remote.lastIndexOf(']'));
        return InetAddress.getByName(addr).equals(InetAddress.getByName("::1"));
    }

    // ---- happy eyeballs, --connect-timeout -------------------------------------------------------

    @Test
    void happyEyeballsStartsTheNextAddressInsteadOfWaitingForTheConnectTimeout() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain();
             var hole = new EngineTestSupport.BlackHole(InetAddress.getByName("127.0.0.2"), server.port())) {
            assumeTrue(hole.swallowsConnects(), "a full backlog does not swallow SYNs here");
            server.enqueue(ScriptedResponse.ok("second address"));
            FakeDns.register("eyeballs.test", "127.0.0.2", "127.0.0.1");
            long t0 = System.nanoTime();
            JsonNode r = succeeded(GatherRun.json("--connect-timeout", "10",
                    "http://eyeballs.test:" + server.port() + "/"));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.get("remote_address").asText()).isEqualTo("127.0.0.1:" + server.port());
            assertThat(timing(r, "connect")).isBetween(150.0, 3_000.0); // ~250 ms, far below 10 s
            assertThat(ms).isLessThan(5_000);
        }
    }

    @Test
    void refusedFirstAddressFallsBackAtOnce() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok("second address"));
            FakeDns.register("refused-first.test", "127.0.0.2", "127.0.0.1"); // nothing listens on 127.0.0.2
            JsonNode r = succeeded(GatherRun.json("http://refused-first.test:" + server.port() + "/"));
            assertThat(r.get("remote_address").asText()).isEqualTo("127.0.0.1:" + server.port());
            assertThat(timing(r, "connect")).isLessThan(200.0); // a refusal starts the next attempt at once
        }
    }

    @Test
    void connectTimeoutToAnAddressThatNeverAnswersIsTimeout() throws Exception {
        try (var hole = new EngineTestSupport.BlackHole(InetAddress.getLoopbackAddress(), 0)) {
            assumeTrue(hole.swallowsConnects(), "a full backlog does not swallow SYNs here");
            long t0 = System.nanoTime();
            JsonNode r = failedWith(GatherRun.json("--connect-timeout", "0.5",
                    "http://127.0.0.1:" + hole.port() + "/"), "timeout");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.get("status").isNull()).isTrue();
            assertThat(ms).isBetween(400L, 5_000L);
        }
    }

    @Test
    void connectTimeoutAppliesAcrossAllAddressesOfAName() throws Exception {
        try (var hole = new EngineTestSupport.BlackHole(InetAddress.getByName("127.0.0.2"), 0);
             var hole2 = new EngineTestSupport.BlackHole(InetAddress.getByName("127.0.0.3"), hole.port())) {
            assumeTrue(hole.swallowsConnects() && hole2.swallowsConnects(), "no black hole here");
            FakeDns.register("holes.test", "127.0.0.2", "127.0.0.3");
            long t0 = System.nanoTime();
            failedWith(GatherRun.json("--connect-timeout", "0.8", "http://holes.test:" + hole.port() + "/"),
                    "timeout");
            assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(600L, 5_000L);
        }
    }

    // ---- -j, --per-host, --rate ------------------------------------------------------------------

    /** {@code n} URLs with {@code -j parallel} to one server that answers each after {@code delayMillis}: all ok. */
    private static ScriptedServer fetchAllFromSlowServer(int n, int parallel, int delayMillis) {
        ScriptedServer server = ScriptedServer.plain();
        try {
            server.setDispatcher(req -> ScriptedResponse.ok("x").delay(Duration.ofMillis(delayMillis)));
            GatherRun run = GatherRun.json(concat(urls(server, n), "-j", String.valueOf(parallel)));
            assertThat(run.exitCode).as("%s", run).isZero();
            assertThat(run.json().get("totals").get("ok").asInt()).isEqualTo(n);
            return server;
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    @Test
    void parallelLimitsAndReachesConcurrentConnections() {
        try (ScriptedServer server = fetchAllFromSlowServer(9, 3, 200)) {
            assertThat(server.peakConcurrentConnections()).isEqualTo(3);
        }
    }

    @Test
    void workersStartedOnePerUrlStillReachEveryConnectionAtOnce() {
        // the engine starts a worker per URL taken (not -j at once): with a slow server, all 40
        // requests must still be in flight together, each on its own connection
        try (ScriptedServer server = fetchAllFromSlowServer(40, 40, 1500)) {
            assertThat(server.peakConcurrentConnections()).isEqualTo(40);
            assertThat(server.connectionCount()).isEqualTo(40);
        }
    }

    @Test
    void aWorkerThatCannotStartMidRunCostsNoUrl() throws Exception {
        // a virtual thread needs heap to start; when the third worker cannot be had, the run goes
        // on with the two it has, and the URL taken as that start failed is still fetched
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.setDispatcher(req -> ScriptedResponse.ok("x").delay(Duration.ofMillis(50)));
            String[] urls = urls(server, 12);
            Engine engine = new Engine(ErrorKindsTest.optionsFor(concat(urls, "-j", "8")), "gather-test");
            AtomicInteger starts = new AtomicInteger();
            engine.workerStarter = t -> {
                if (starts.incrementAndGet() == 3) {
                    throw new OutOfMemoryError("test: no memory for another thread");
                }
                t.start();
            };
            List<FetchResult> results = new CopyOnWriteArrayList<>();
            Set<String> workers = ConcurrentHashMap.newKeySet();
            Iterator<String> source = List.of(urls).iterator();
            engine.run(() -> source.hasNext() ? source.next() : null, r -> {
                results.add(r);
                workers.add(Thread.currentThread().getName());
            });
            assertThat(results).hasSize(12).allMatch(FetchResult::ok);
            assertThat(results.stream().map(FetchResult::index)).containsExactlyInAnyOrder(
                    0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
            assertThat(starts.get()).as("no start tried after the failed one").isEqualTo(3);
            assertThat(workers).hasSize(2);
            assertThat(server.requestCount()).isEqualTo(12);
            assertThat(server.peakConcurrentConnections()).isEqualTo(2);
        }
    }

    @Test
    void perHostLimitsConnectionsToEachHost() {
        try (ScriptedServer a = ScriptedServer.plain(); ScriptedServer b = ScriptedServer.plain()) {
            a.setDispatcher(req -> ScriptedResponse.ok("a").delay(Duration.ofMillis(200)));
            b.setDispatcher(req -> ScriptedResponse.ok("b").delay(Duration.ofMillis(200)));
            FakeDns.register("host-a.test", "127.0.0.1");
            FakeDns.register("host-b.test", "127.0.0.1");
            List<String> args = new ArrayList<>(List.of("-j", "10", "--per-host", "2"));
            for (int i = 0; i < 6; i++) {
                args.add(a.urlWithHost("host-a.test", "/a" + i));
                args.add(b.urlWithHost("host-b.test", "/b" + i));
            }
            GatherRun run = GatherRun.json(args.toArray(String[]::new));
            assertThat(run.exitCode).as("%s", run).isZero();
            assertThat(a.peakConcurrentConnections()).isEqualTo(2);
            assertThat(b.peakConcurrentConnections()).isEqualTo(2);
            assertThat(a.requestCount()).isEqualTo(6);
            assertThat(b.requestCount()).isEqualTo(6);
        }
    }

    @Test
    void rateSpacesRequestStarts() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            List<Long> arrivals = new CopyOnWriteArrayList<>();
            server.setDispatcher(req -> {
                arrivals.add(System.nanoTime());
                return ScriptedResponse.ok("x");
            });
            GatherRun run = GatherRun.json(concat(urls(server, 6), "-j", "6", "--rate", "10/s"));
            assertThat(run.exitCode).as("%s", run).isZero();
            List<Long> sorted = new ArrayList<>(arrivals);
            Collections.sort(sorted);
            assertThat(sorted).hasSize(6);
            double meanGapMs = (sorted.get(5) - sorted.get(0)) / 5 / 1e6;
            assertThat(meanGapMs).as("mean gap between request arrivals, ms").isGreaterThanOrEqualTo(85.0);
        }
    }

    // ---- connection reuse ------------------------------------------------------------------------

    @Test
    void keepAliveReusesOneConnection() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.setDispatcher(req -> ScriptedResponse.ok("body of " + req.path()));
            GatherRun run = GatherRun.json(concat(urls(server, 3), "-j", "1"));
            assertThat(run.exitCode).as("%s", run).isZero();
            assertThat(server.recordedRequests()).extracting(RecordedRequest::connectionIndex).containsExactly(0, 0, 0);
            assertThat(server.recordedRequests()).extracting(RecordedRequest::exchangeIndex).containsExactly(0, 1, 2);
            JsonNode results = run.json().get("results");
            assertThat(results.get(0).get("reused_connection").asBoolean()).isFalse();
            assertThat(results.get(1).get("reused_connection").asBoolean()).isTrue();
            assertThat(results.get(2).get("reused_connection").asBoolean()).isTrue();
            assertThat(timing(results.get(1), "connect")).isZero();
        }
    }

    private static void assertSecondRequestOnANewConnection(ScriptedServer server, GatherRun run) {
        assertThat(run.exitCode).as("%s", run).isZero();
        assertThat(server.recordedRequests()).extracting(RecordedRequest::connectionIndex).containsExactly(0, 1);
        assertThat(server.recordedRequests()).extracting(RecordedRequest::exchangeIndex).containsExactly(0, 0);
        JsonNode second = run.json().get("results").get(1);
        assertThat(second.get("reused_connection").asBoolean()).isFalse();
        assertThat(second.get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void connectionCloseEndsReuse() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok("first").header("Connection", "close"), ScriptedResponse.ok("second"));
            GatherRun run = GatherRun.json(concat(urls(server, 2), "-j", "1"));
            assertSecondRequestOnANewConnection(server, run);
        }
    }

    @Test
    void http10ResponseEndsReuse() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            // the server keeps the socket open: only the client's own rule may stop the reuse
            server.enqueue(ScriptedResponse.raw("HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nfirst"),
                    ScriptedResponse.ok("second"));
            GatherRun run = GatherRun.json(concat(urls(server, 2), "-j", "1"));
            assertSecondRequestOnANewConnection(server, run);
            assertThat(run.json().get("results").get(0).get("http_version").asText()).isEqualTo("HTTP/1.0");
        }
    }

    @Test
    void closeDelimitedBodyEndsReuse() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok().closeDelimited("first"), ScriptedResponse.ok("second"));
            GatherRun run = GatherRun.json(concat(urls(server, 2), "-j", "1"));
            assertSecondRequestOnANewConnection(server, run);
            assertThat(run.json().get("results").get(0).get("bytes").asLong()).isEqualTo(5);
        }
    }

    @Test
    void bytesBeyondTheBodyEndReuse() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            // keep-alive, a delimited body read to its end, but three bytes more than Content-Length
            // in the same write: they belong to no request, so the connection is not trusted again
            server.enqueue(ScriptedResponse.raw("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirstXYZ"),
                    ScriptedResponse.ok("second"));
            GatherRun run = GatherRun.json(concat(urls(server, 2), "-j", "1"));
            assertSecondRequestOnANewConnection(server, run);
            assertThat(run.json().get("results").get(0).get("bytes").asLong()).isEqualTo(5);
        }
    }

    @Test
    void staleKeepAliveConnectionIsReplacedTransparently() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            // no "Connection: close": the client believes it may reuse the socket, but the server closes it
            server.enqueue(ScriptedResponse.ok("first").keepOpen(false), ScriptedResponse.ok("second"));
            GatherRun run = GatherRun.json(concat(urls(server, 2), "-j", "1"));
            assertThat(run.exitCode).as("%s", run).isZero();
            JsonNode second = run.json().get("results").get(1);
            assertThat(second.get("ok").asBoolean()).isTrue();
            assertThat(second.get("attempts").asInt()).isEqualTo(1);
            assertThat(second.get("bytes").asLong()).isEqualTo(6);
            assertThat(server.recordedRequests()).extracting(RecordedRequest::path).containsExactly("/p0", "/p1");
            assertThat(server.recordedRequests().get(1).connectionIndex()).isEqualTo(1);
        }
    }

    // ---- retries ---------------------------------------------------------------------------------

    @Test
    void retryTurnsA503IntoSuccess() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.of(503), ScriptedResponse.ok("recovered"));
            GatherRun run = GatherRun.json(server.url("/flaky"), "--retries", "2");
            JsonNode r = succeeded(run);
            assertThat(r.get("attempts").asInt()).isEqualTo(2);
            assertThat(r.get("status").asInt()).isEqualTo(200);
            assertThat(r.get("bytes").asLong()).isEqualTo(9);
            assertThat(run.json().get("totals").get("retried_ok").asInt()).isEqualTo(1);
        }
    }

    @Test
    void retryAfterIsHonoured() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            List<Long> arrivals = new CopyOnWriteArrayList<>();
            server.setDispatcher(req -> {
                arrivals.add(System.nanoTime());
                return arrivals.size() == 1 ? ScriptedResponse.of(503).header("Retry-After", "1")
                        : ScriptedResponse.ok("later");
            });
            JsonNode r = succeeded(GatherRun.json(server.url("/busy"), "--retries", "2"));
            assertThat(r.get("attempts").asInt()).isEqualTo(2);
            assertThat(arrivals).hasSize(2);
            assertThat((arrivals.get(1) - arrivals.get(0)) / 1e6).isGreaterThanOrEqualTo(900.0);
        }
    }

    @Test
    void postIsNotRetriedWithoutRetryAllMethods() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.of(503), ScriptedResponse.ok("would be fine"));
            JsonNode r = failedWith(GatherRun.json(server.url("/form"), "-d", "a=1", "--retries", "2"),
                    "http_status");
            assertThat(r.get("status").asInt()).isEqualTo(503);
            assertThat(r.get("attempts").asInt()).isEqualTo(1);
            assertThat(server.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void postIsRetriedWithRetryAllMethods() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.of(503), ScriptedResponse.ok("fine"));
            JsonNode r = succeeded(GatherRun.json(server.url("/form"), "-d", "a=1", "--retries", "2",
                    "--retry-all-methods"));
            assertThat(r.get("attempts").asInt()).isEqualTo(2);
            assertThat(server.recordedRequests()).extracting(RecordedRequest::bodyUtf8).containsExactly("a=1", "a=1");
        }
    }

    @Test
    void notFoundIsNotRetried() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.setDispatcher(req -> ScriptedResponse.notFound());
            JsonNode r = failedWith(GatherRun.json(server.url("/gone"), "--retries", "2"), "http_status");
            assertThat(r.get("attempts").asInt()).isEqualTo(1);
            assertThat(server.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void truncatedResponseIsRetried() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok("x").closeImmediately(), ScriptedResponse.ok("whole"));
            JsonNode r = succeeded(GatherRun.json(server.url("/cut"), "--retries", "1"));
            assertThat(r.get("attempts").asInt()).isEqualTo(2);
        }
    }

    @Test
    void retriesAreBoundedByTheirNumber() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.setDispatcher(req -> ScriptedResponse.of(503));
            JsonNode r = failedWith(GatherRun.json(server.url("/down"), "--retries", "2"), "http_status");
            assertThat(r.get("attempts").asInt()).isEqualTo(3);
            assertThat(r.get("status").asInt()).isEqualTo(503);
            assertThat(server.requestCount()).isEqualTo(3);
        }
    }

    @Test
    void retryAfterBeyondTheWholeRequestTimeoutKeepsTheFailureAtOnce() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.setDispatcher(req -> ScriptedResponse.of(503).header("Retry-After", "30"));
            long t0 = System.nanoTime();
            JsonNode r = failedWith(GatherRun.json(server.url("/down"), "--retries", "3", "--timeout", "2"),
                    "http_status");
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2_500L);
            assertThat(r.get("attempts").asInt()).isEqualTo(1);
            assertThat(server.requestCount()).isEqualTo(1);
        }
    }

    // ---- proxies ---------------------------------------------------------------------------------

    @Test
    void httpGoesThroughTheProxyInAbsoluteForm() {
        try (ScriptedServer proxy = ScriptedServer.plain()) {
            proxy.enqueue(ScriptedResponse.ok("via proxy"));
            JsonNode r = succeeded(GatherRun.json("http://origin.test:8080/x?y=1", "--proxy", proxy.url("")));
            RecordedRequest req = proxy.recordedRequests().get(0);
            assertThat(req.target()).isEqualTo("http://origin.test:8080/x?y=1");
            assertThat(req.header("Host")).isEqualTo("origin.test:8080");
            assertThat(req.header("Proxy-Authorization")).isNull();
            assertThat(r.get("bytes").asLong()).isEqualTo(9);
            assertThat(FakeDns.lookups("origin.test")).isZero();
        }
    }

    @Test
    void proxyCredentialsBecomeProxyAuthorization() {
        try (ScriptedServer proxy = ScriptedServer.plain()) {
            proxy.enqueue(ScriptedResponse.ok("via proxy"));
            succeeded(GatherRun.json("http://origin.test:8080/x",
                    "--proxy", "http://u:p@127.0.0.1:" + proxy.port()));
            assertThat(proxy.recordedRequests().get(0).header("Proxy-Authorization")).isEqualTo("Basic dTpw");
        }
    }

    @Test
    void httpsTunnelsThroughConnect() throws Exception {
        try (ScriptedServer origin = ScriptedServer.tls(TestTls.LOCALHOST_P12);
             var proxy = new EngineTestSupport.TunnelProxy()) {
            origin.enqueue(ScriptedResponse.ok("secret"));
            JsonNode r = succeeded(GatherRun.json(origin.urlWithHost("localhost", "/secure"),
                    "--proxy", "http://u:p@127.0.0.1:" + proxy.port(), "--cacert", CA));
            assertThat(proxy.requestLines()).containsExactly("CONNECT localhost:" + origin.port() + " HTTP/1.1");
            assertThat(proxy.heads.get(0)).containsIgnoringCase("Proxy-Authorization: Basic dTpw");
            RecordedRequest req = origin.takeRequest();
            assertThat(req.target()).isEqualTo("/secure");
            assertThat(req.header("Host")).isEqualTo("localhost:" + origin.port());
            assertThat(req.header("Proxy-Authorization")).isNull(); // never leaks to the origin
            assertThat(r.get("tls").isNull()).isFalse();
            assertThat(r.get("bytes").asLong()).isEqualTo(6);
        }
    }

    @Test
    void aProxyThatRefusesConnectIsAConnectFailure() throws Exception {
        try (ScriptedServer proxy = ScriptedServer.plain()) {
            proxy.enqueue(ScriptedResponse.of(403, "Forbidden"));
            JsonNode r = failedWith(GatherRun.json("https://origin.test:8443/x", "--proxy", proxy.url("/")), "connect");
            assertThat(proxy.takeRequest().method()).isEqualTo("CONNECT");
            assertThat(r.get("status").isNull()).isTrue(); // the proxy's 403 is not the origin's status
        }
    }

    @Test
    void proxyEnvironmentVariablesAreHonoured() throws Exception {
        try (ScriptedServer httpProxy = ScriptedServer.plain();
             ScriptedServer origin = ScriptedServer.tls(TestTls.LOCALHOST_P12);
             var tunnel = new EngineTestSupport.TunnelProxy()) {
            httpProxy.enqueue(ScriptedResponse.ok("plain"));
            origin.enqueue(ScriptedResponse.ok("secure"));
            GatherRun run = withEnv(Map.of("http_proxy", httpProxy.url(""), "HTTPS_PROXY", tunnel.url()),
                    "http://origin.test:8080/p", origin.urlWithHost("localhost", "/s"), "--cacert", CA);
            assertThat(run.exitCode).as("%s", run).isZero();
            assertThat(httpProxy.recordedRequests()).extracting(RecordedRequest::target)
                    .containsExactly("http://origin.test:8080/p");
            assertThat(tunnel.requestLines()).containsExactly("CONNECT localhost:" + origin.port() + " HTTP/1.1");
            assertThat(origin.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void noproxyOptionBypassesTheProxy() {
        try (ScriptedServer proxy = ScriptedServer.plain(); ScriptedServer origin = ScriptedServer.plain()) {
            origin.enqueue(ScriptedResponse.ok("direct"));
            FakeDns.register("direct.test", "127.0.0.1");
            succeeded(GatherRun.json(origin.urlWithHost("direct.test", "/d"), "--proxy", proxy.url(""),
                    "--noproxy", "direct.test"));
            assertThat(origin.recordedRequests()).extracting(RecordedRequest::target).containsExactly("/d");
            assertThat(proxy.connectionCount()).isZero();
        }
    }

    @Test
    void noProxyEnvironmentVariableBypassesByDomain() {
        try (ScriptedServer proxy = ScriptedServer.plain(); ScriptedServer origin = ScriptedServer.plain()) {
            origin.enqueue(ScriptedResponse.ok("direct"));
            FakeDns.register("www.bypass.test", "127.0.0.1");
            GatherRun run = withEnv(Map.of("HTTP_PROXY", proxy.url(""), "no_proxy", "other.test,.bypass.test"),
                    origin.urlWithHost("www.bypass.test", "/d"));
            succeeded(run);
            assertThat(origin.requestCount()).isEqualTo(1);
            assertThat(proxy.connectionCount()).isZero();
        }
    }

    @Test
    void proxyOptionOverridesEnvironment() {
        try (ScriptedServer envProxy = ScriptedServer.plain(); ScriptedServer optProxy = ScriptedServer.plain()) {
            optProxy.enqueue(ScriptedResponse.ok("option"));
            succeeded(withEnv(Map.of("http_proxy", envProxy.url("")), "http://origin.test:8080/",
                    "--proxy", optProxy.url("")));
            assertThat(optProxy.requestCount()).isEqualTo(1);
            assertThat(envProxy.connectionCount()).isZero();
        }
    }

    // ---- redirects -------------------------------------------------------------------------------

    @Test
    void relativeLocationIsFollowed() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.redirect(302, "next?n=2"), ScriptedResponse.ok("landed"));
            JsonNode r = succeeded(GatherRun.json(server.url("/dir/start")));
            assertThat(server.recordedRequests()).extracting(RecordedRequest::target)
                    .containsExactly("/dir/start", "/dir/next?n=2");
            assertThat(r.get("final_url").asText()).isEqualTo(server.url("/dir/next?n=2"));
            assertThat(r.get("redirects").asInt()).isEqualTo(1);
            assertThat(r.get("url").asText()).isEqualTo(server.url("/dir/start"));
            assertThat(r.get("bytes").asLong()).isEqualTo(6);
        }
    }

    @Test
    void absoluteLocationToAnotherServerIsFollowed() {
        try (ScriptedServer one = ScriptedServer.plain(); ScriptedServer two = ScriptedServer.plain()) {
            one.enqueue(ScriptedResponse.redirect(301, two.url("/there")));
            two.enqueue(ScriptedResponse.redirect(308, "/final"), ScriptedResponse.ok("done"));
            JsonNode r = succeeded(GatherRun.json(one.url("/here")));
            assertThat(r.get("final_url").asText()).isEqualTo(two.url("/final"));
            assertThat(r.get("redirects").asInt()).isEqualTo(2);
            assertThat(two.recordedRequests()).extracting(RecordedRequest::path).containsExactly("/there", "/final");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303})
    void postBecomesGetWithoutBody(int status) {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.redirect(status, "/result"), ScriptedResponse.ok("got"));
            succeeded(GatherRun.json(server.url("/submit"), "-d", "name=value"));
            List<RecordedRequest> reqs = server.recordedRequests();
            assertThat(reqs.get(0).method()).isEqualTo("POST");
            assertThat(reqs.get(0).bodyUtf8()).isEqualTo("name=value");
            assertThat(reqs.get(1).method()).isEqualTo("GET");
            assertThat(reqs.get(1).body()).isEmpty();
            assertThat(reqs.get(1).header("Content-Length")).isIn(null, "0");
            assertThat(reqs.get(1).header("Transfer-Encoding")).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {307, 308})
    void postKeepsMethodAndBody(int status) {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.redirect(status, "/result"), ScriptedResponse.ok("got"));
            succeeded(GatherRun.json(server.url("/submit"), "-d", "name=value"));
            RecordedRequest second = server.recordedRequests().get(1);
            assertThat(second.method()).isEqualTo("POST");
            assertThat(second.bodyUtf8()).isEqualTo("name=value");
            assertThat(second.path()).isEqualTo("/result");
        }
    }

    @Test
    void credentialsHeadersAreNotSentToAnotherOrigin() {
        try (ScriptedServer one = ScriptedServer.plain(); ScriptedServer two = ScriptedServer.plain()) {
            FakeDns.register("one.test", "127.0.0.1");
            FakeDns.register("two.test", "127.0.0.1");
            one.enqueue(ScriptedResponse.redirect(302, "/same"),
                    ScriptedResponse.redirect(302, two.urlWithHost("two.test", "/other")));
            two.enqueue(ScriptedResponse.ok("elsewhere"));
            JsonNode r = succeeded(GatherRun.json(one.urlWithHost("one.test", "/start"),
                    "-H", "Authorization: Bearer s3cret", "-H", "Cookie: sid=42", "-H", "X-Trace: t1"));
            assertThat(r.get("redirects").asInt()).isEqualTo(2);
            for (RecordedRequest same : one.recordedRequests()) { // same origin: kept
                assertThat(same.header("Authorization")).isEqualTo("Bearer s3cret");
                assertThat(same.header("Cookie")).isEqualTo("sid=42");
            }
            RecordedRequest other = two.recordedRequests().get(0);
            assertThat(other.header("Authorization")).isNull();
            assertThat(other.header("Cookie")).isNull();
            assertThat(other.header("X-Trace")).isEqualTo("t1");
            assertThat(other.header("Host")).isEqualTo("two.test:" + two.port());
        }
    }

    @Test
    void maxRedirectsZeroDoesNotFollow() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.redirect(302, "/elsewhere"));
            JsonNode r = failedWith(GatherRun.json(server.url("/"), "--max-redirects", "0"), "http_status");
            assertThat(r.get("status").asInt()).isEqualTo(302);
            assertThat(r.get("redirects").asInt()).isZero();
            assertThat(server.requestCount()).isEqualTo(1);
        }
    }

    // ---- --compressed ----------------------------------------------------------------------------

    private static final byte[] TEXT = utf8("The quick brown fox jumps over the lazy dog. ".repeat(200));

    private static JsonNode fetchEncoded(ScriptedResponse response, byte[] decoded) throws Exception {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(response);
            JsonNode r = succeeded(GatherRun.json(server.url("/enc"), "--compressed"));
            assertThat(server.takeRequest().header("Accept-Encoding")).contains("gzip", "deflate", "br");
            assertThat(r.get("bytes").asLong()).isEqualTo(decoded.length);
            assertThat(r.get("sha256").asText()).isEqualTo(sha256(decoded));
            return r;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fixed", "chunked", "close"})
    void gzipIsDecodedWhateverTheFraming(String framing) throws Exception {
        byte[] wire = gzip(TEXT);
        ScriptedResponse resp = switch (framing) {
            case "fixed" -> ScriptedResponse.ok(wire);
            case "chunked" -> ScriptedResponse.ok().chunked(wire, 100);
            default -> ScriptedResponse.ok().closeDelimited(wire);
        };
        JsonNode r = fetchEncoded(resp.header("Content-Encoding", "gzip"), TEXT);
        if (framing.equals("fixed")) {
            assertThat(r.get("content_length").asLong()).isEqualTo(wire.length);
        }
    }

    @Test
    void deflateZlibIsDecoded() throws Exception {
        fetchEncoded(ScriptedResponse.ok(deflate(TEXT, false)).header("Content-Encoding", "deflate"), TEXT);
    }

    @Test
    void deflateRawIsDecoded() throws Exception {
        fetchEncoded(ScriptedResponse.ok(deflate(TEXT, true)).header("Content-Encoding", "deflate"), TEXT);
    }

    @Test
    void brotliIsDecoded() throws Exception {
        assertThat(new BrotliInputStream(new ByteArrayInputStream(BROTLI_HELLO)).readAllBytes())
                .isEqualTo(utf8("hello")); // the fixture itself is right
        fetchEncoded(ScriptedResponse.ok(BROTLI_HELLO).header("Content-Encoding", "br"), utf8("hello"));
    }

    @Test
    void stackedGzipThenDeflateIsDecoded() throws Exception {
        byte[] wire = deflate(gzip(TEXT), false); // "gzip, deflate": gzip applied first
        fetchEncoded(ScriptedResponse.ok(wire).header("Content-Encoding", "gzip, deflate"), TEXT);
    }

    @Test
    void stackedGzipThenBrotliIsDecoded() throws Exception {
        byte[] wire = brotliStored(gzip(TEXT));
        assertThat(new BrotliInputStream(new ByteArrayInputStream(wire)).readAllBytes()).isEqualTo(gzip(TEXT));
        fetchEncoded(ScriptedResponse.ok(wire).header("Content-Encoding", "gzip, br"), TEXT);
    }

    @Test
    void stackedCodingsOnSeparateHeaderLinesAreDecoded() throws Exception {
        byte[] wire = gzip(deflate(TEXT, false)); // deflate first, then gzip
        fetchEncoded(ScriptedResponse.ok(wire).header("Content-Encoding", "deflate")
                .header("Content-Encoding", "gzip"), TEXT);
    }

    @Test
    void gzipStreamEndingEarlyIsProtocol() {
        byte[] good = gzip(new java.util.Random(1).ints(4000, 0, 256).collect(java.io.ByteArrayOutputStream::new,
                (o, i) -> o.write(i), (a, b) -> a.writeBytes(b.toByteArray())).toByteArray());
        byte[] cut = java.util.Arrays.copyOf(good, good.length / 2); // framing complete, gzip stream not
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok(cut).header("Content-Encoding", "gzip"));
            failedWith(GatherRun.json(server.url("/half"), "--compressed"), "protocol");
        }
    }

    @Test
    void unknownContentEncodingUnderCompressedIsProtocol() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok("zzz").header("Content-Encoding", "zstd"));
            failedWith(GatherRun.json(server.url("/zstd"), "--compressed"), "protocol");
        }
    }

    @Test
    void maxSizeCountsDecodedBytes() throws Exception {
        // compressible: 1000 decoded bytes from a much shorter gzip stream
        byte[] text = "gather decodes then counts. ".repeat(40).substring(0, 1000).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] wire = gzip(text);
        assertThat(wire.length).isLessThan(1000);
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok(wire).header("Content-Encoding", "gzip"));
            server.enqueue(ScriptedResponse.ok(wire).header("Content-Encoding", "gzip"));
            JsonNode r = succeeded(GatherRun.json(server.url("/exact"), "--compressed", "--max-size", "1000"));
            assertThat(r.get("bytes").asLong()).isEqualTo(1000);
            assertThat(r.get("sha256").asText()).isEqualTo(sha256(text));
            GatherRun over = GatherRun.json(server.url("/over"), "--compressed", "--max-size", "999");
            assertThat(over.exitCode).isEqualTo(1);
            assertThat(over.errorKind(0)).isEqualTo("too_large");
            assertThat(over.result().get("bytes").asLong()).isLessThanOrEqualTo(999);
        }
    }

    @Test
    void maxSizeAlsoBoundsTheEncodedBody() throws Exception {
        // incompressible: the gzip stream is a little longer than the 1000 bytes it decodes to;
        // --max-size bounds the bytes on the wire as well as the decoded ones (README: "raw and decoded")
        byte[] random = new byte[1000];
        new java.util.Random(7).nextBytes(random);
        byte[] wire = gzip(random);
        assertThat(wire.length).isGreaterThan(1000);
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok(wire).header("Content-Encoding", "gzip"));
            GatherRun run = GatherRun.json(server.url("/exact"), "--compressed", "--max-size", "1000");
            assertThat(run.exitCode).isEqualTo(1);
            assertThat(run.errorKind(0)).isEqualTo("too_large");
        }
    }

    @Test
    void bodyExactlyAtMaxSizePasses() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok().chunked(new byte[100], 9));
            JsonNode r = succeeded(GatherRun.json(server.url("/"), "--max-size", "100"));
            assertThat(r.get("bytes").asLong()).isEqualTo(100);
        }
    }

    @Test
    void corruptGzipIsProtocol() {
        byte[] good = gzip(TEXT);
        byte[] bad = good.clone();
        for (int i = 10; i < Math.min(bad.length, 60); i++) {
            bad[i] = (byte) 0xff;
        }
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok(bad).header("Content-Encoding", "gzip"));
            JsonNode r = failedWith(GatherRun.json(server.url("/corrupt"), "--compressed"), "protocol");
            assertThat(r.get("status").asInt()).isEqualTo(200);
        }
    }

    @Test
    void withoutCompressedTheBodyIsDeliveredAsSent() throws Exception {
        byte[] wire = gzip(TEXT);
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok(wire).header("Content-Encoding", "gzip"));
            JsonNode r = succeeded(GatherRun.json(server.url("/raw")));
            assertThat(server.takeRequest().header("Accept-Encoding")).isNull();
            assertThat(r.get("bytes").asLong()).isEqualTo(wire.length);
            assertThat(r.get("sha256").asText()).isEqualTo(sha256(wire));
        }
    }
}
