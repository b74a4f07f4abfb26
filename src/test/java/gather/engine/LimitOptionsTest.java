package gather.engine;

import static gather.engine.EngineTestSupport.failedWith;
import static gather.engine.EngineTestSupport.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gather.testing.FakeDns;
import gather.testing.GatherRun;
import gather.testing.ScriptedResponse;
import gather.testing.ScriptedServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The options that bound what a server controls, and the less common pacing options, end to end. */
class LimitOptionsTest {

    @Test
    void maxHeadSizeBoundsTheWholeResponseHead() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            ScriptedResponse big = ScriptedResponse.ok("x");
            for (int i = 0; i < 10; i++) {
                big.header("X-Filler-" + i, "y".repeat(40));
            }
            server.enqueue(big);
            failedWith(GatherRun.json(server.url("/"), "--max-head-size", "300"), "protocol");
            server.enqueue(big);
            succeeded(GatherRun.json(server.url("/"), "--max-head-size", "2k"));
        }
    }

    @Test
    void maxLineLengthBoundsOneHeaderLine() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok("x").header("X-Long", "z".repeat(150)));
            failedWith(GatherRun.json(server.url("/"), "--max-line-length", "100"), "protocol");
            server.enqueue(ScriptedResponse.ok("x").header("X-Long", "z".repeat(150)));
            succeeded(GatherRun.json(server.url("/"), "--max-line-length", "200"));
        }
    }

    @Test
    void maxHeadersBoundsTheFieldCount() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            for (int round = 0; round < 2; round++) {
                ScriptedResponse many = ScriptedResponse.ok("x");
                for (int i = 0; i < 10; i++) {
                    many.header("X-H" + i, "v");
                }
                server.enqueue(many);
            }
            failedWith(GatherRun.json(server.url("/"), "--max-headers", "5"), "protocol");
            succeeded(GatherRun.json(server.url("/"), "--max-headers", "20"));
        }
    }

    @Test
    void maxTrailerSizeBoundsTheTrailerSection() {
        String chunkedWithTrailer = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n0\r\nX-Trailer: " + "t".repeat(100) + "\r\n\r\n";
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.raw(chunkedWithTrailer));
            failedWith(GatherRun.json(server.url("/"), "--max-trailer-size", "50"), "protocol");
            server.enqueue(ScriptedResponse.raw(chunkedWithTrailer));
            JsonNode r = succeeded(GatherRun.json(server.url("/"), "--max-trailer-size", "1k"));
            assertThat(r.get("bytes").asLong()).isEqualTo(3);
        }
    }

    @Test
    void retryMaxWaitCapsRetryAfter() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            List<Long> arrivals = new CopyOnWriteArrayList<>();
            server.setDispatcher(req -> {
                arrivals.add(System.nanoTime());
                return arrivals.size() == 1 ? ScriptedResponse.of(503).header("Retry-After", "3600")
                        : ScriptedResponse.ok("back");
            });
            JsonNode r = succeeded(GatherRun.json(server.url("/"), "--retries", "1", "--retry-max-wait", "0.3"));
            assertThat(r.get("attempts").asInt()).isEqualTo(2);
            double gapMs = (arrivals.get(1) - arrivals.get(0)) / 1e6;
            assertThat(gapMs).isGreaterThanOrEqualTo(250.0).isLessThan(30_000.0);
        }
    }

    @Test
    void ratePerHostPacesEachHostSeparately() {
        try (ScriptedServer a = ScriptedServer.plain(); ScriptedServer b = ScriptedServer.plain()) {
            Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();
            for (ScriptedServer s : List.of(a, b)) {
                s.setDispatcher(req -> {
                    arrivals.computeIfAbsent(req.header("Host"), k -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
                    return ScriptedResponse.ok("x");
                });
            }
            FakeDns.register("pace-a.test", "127.0.0.1");
            FakeDns.register("pace-b.test", "127.0.0.1");
            List<String> args = new ArrayList<>(List.of("--json", "-j", "6", "--rate", "4/s", "--rate-per-host"));
            for (int i = 0; i < 3; i++) {
                args.add("http://pace-a.test:" + a.port() + "/" + i);
                args.add("http://pace-b.test:" + b.port() + "/" + i);
            }
            GatherRun run = GatherRun.run(args.toArray(String[]::new));
            assertThat(run.exitCode).as("%s", run).isZero();
            List<Long> ha = arrivals.get("pace-a.test:" + a.port());
            List<Long> hb = arrivals.get("pace-b.test:" + b.port());
            assertThat(ha).hasSize(3);
            assertThat(hb).hasSize(3);
            // each host: 3 starts at 250 ms spacing take at least ~500 ms
            assertThat((ha.get(2) - ha.get(0)) / 1e6).isGreaterThanOrEqualTo(450.0);
            assertThat((hb.get(2) - hb.get(0)) / 1e6).isGreaterThanOrEqualTo(450.0);
            // the hosts do not share one bucket: 6 starts globally at 4/s would need >= 1250 ms
            long first = Math.min(ha.get(0), hb.get(0));
            long last = Math.max(ha.get(2), hb.get(2));
            assertThat((last - first) / 1e6).isLessThan(1200.0);
        }
    }

    @Test
    void debugShowsTheExceptionBehindAFailureOnlyWhenAsked() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.raw("HTTP/1.1 abc Broken\r\n\r\n"));
            GatherRun plain = GatherRun.json(server.url("/"));
            failedWith(plain, "protocol");
            assertThat(plain.err).doesNotContain("\tat ");
            server.enqueue(ScriptedResponse.raw("HTTP/1.1 abc Broken\r\n\r\n"));
            GatherRun debug = GatherRun.json(server.url("/"), "--debug");
            failedWith(debug, "protocol");
            assertThat(debug.err).contains("debug:").contains("FetchException").contains("\tat ");
        }
    }
}
