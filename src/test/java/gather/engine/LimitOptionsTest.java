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
            assertThat(arrivals.get("pace-a.test:" + a.port())).hasSize(3);
            assertThat(arrivals.get("pace-b.test:" + b.port())).hasSize(3);
            // The engine's own account of the wait for a rate slot (timing_ms.queue), not arrival
            // times at the server, which a busy machine shifts by a connect or a cold first request.
            // Each host: 3 starts at 250 ms spacing, so its last start waited at least ~500 ms.
            // One shared bucket at 4/s would make the sixth start wait at least 1250 ms.
            List<Double> queueA = new ArrayList<>();
            List<Double> queueB = new ArrayList<>();
            for (JsonNode r : run.json().get("results")) {
                double queue = r.get("timing_ms").get("queue").asDouble();
                (r.get("url").asText().contains("pace-a") ? queueA : queueB).add(queue);
            }
            assertThat(queueA).hasSize(3);
            assertThat(queueB).hasSize(3);
            assertThat(queueA.stream().mapToDouble(Double::doubleValue).max().orElseThrow()).isGreaterThanOrEqualTo(450.0);
            assertThat(queueB.stream().mapToDouble(Double::doubleValue).max().orElseThrow()).isGreaterThanOrEqualTo(450.0);
            assertThat(queueA.stream().filter(q -> q >= 1200).count() + queueB.stream().filter(q -> q >= 1200).count())
                    .as("no start waited as long as one shared bucket would make it").isZero();
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
