package gather.engine;

import static org.assertj.core.api.Assertions.assertThat;

import gather.testing.FakeDns;
import gather.testing.GatherRun;
import gather.testing.ScriptedResponse;
import gather.testing.ScriptedServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** A host that announces its quota in rate-limit headers is slowed down; other hosts are not. */
class ServerQuotaTest {

    /** Four URLs to each of a host that says "2 left, reset in 2 s" and a quiet host; arrivals by host. */
    private static Map<String, List<Long>> run(UnaryOperator<ScriptedResponse> announce, String... extra) {
        try (ScriptedServer a = ScriptedServer.plain(); ScriptedServer b = ScriptedServer.plain()) {
            Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();
            a.setDispatcher(req -> {
                arrivals.computeIfAbsent("a", k -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
                return announce.apply(ScriptedResponse.ok("a"));
            });
            b.setDispatcher(req -> {
                arrivals.computeIfAbsent("b", k -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
                return ScriptedResponse.ok("b");
            });
            FakeDns.register("quota-a.test", "127.0.0.1");
            FakeDns.register("quota-b.test", "127.0.0.1");
            List<String> args = new ArrayList<>(List.of("--json", "-j", "8", "--per-host", "1"));
            args.addAll(List.of(extra));
            for (int i = 0; i < 4; i++) {
                args.add("http://quota-a.test:" + a.port() + "/" + i);
                args.add("http://quota-b.test:" + b.port() + "/" + i);
            }
            GatherRun run = GatherRun.run(args.toArray(String[]::new));
            assertThat(run.exitCode).as("%s", run).isZero();
            assertThat(arrivals.get("a")).hasSize(4);
            assertThat(arrivals.get("b")).hasSize(4);
            return arrivals;
        }
    }

    @Test
    void xRateLimitRemainingLowSpacesThatHostsRequestsWhileAnotherHostRunsAtFullSpeed() {
        Map<String, List<Long>> t = run(r -> r.header("X-RateLimit-Remaining", "2").header("X-RateLimit-Reset", "2"));
        List<Long> a = t.get("a");
        List<Long> b = t.get("b");
        // 2 left for 2 s: one start a second; four starts take about 3 s
        assertThat((a.get(3) - a.get(0)) / 1e6).isGreaterThanOrEqualTo(1000.0);
        // the other host is not held back: all of its requests come before the first host's third
        assertThat(b.get(3)).isLessThan(a.get(2));
    }

    @Test
    void structuredRateLimitWithNothingLeftPausesTheHostUntilTheReset() {
        Map<String, List<Long>> t = run(r -> r.header("RateLimit-Policy", "\"default\";q=100;w=60")
                .header("RateLimit", "\"default\";r=0;t=2"));
        List<Long> a = t.get("a");
        // each answer says none is left until 2 s from now: the next start waits for it
        assertThat((a.get(1) - a.get(0)) / 1e6).isGreaterThanOrEqualTo(1800.0);
        assertThat(t.get("b").get(3)).isLessThan(a.get(1));
    }

    @Test
    void noRateLimitHeadersIgnoresThem() {
        Map<String, List<Long>> t = run(r -> r.header("X-RateLimit-Remaining", "1").header("X-RateLimit-Reset", "5"),
                "--no-rate-limit-headers");
        List<Long> a = t.get("a");
        // heeded, four starts would take 15 s
        assertThat((a.get(3) - a.get(0)) / 1e6).isLessThan(5000.0);
    }
}
