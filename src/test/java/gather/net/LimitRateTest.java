package gather.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gather.testing.GatherRun;
import gather.testing.ScriptedResponse;
import gather.testing.ScriptedServer;
import org.junit.jupiter.api.Test;

/** --limit-rate end to end: a lower bound only (a busy machine is only ever slower). */
class LimitRateTest {

    @Test
    void twoMebibytesAtOneMebibytePerSecondTakeAtLeastAlmostTwoSeconds() {
        byte[] body = new byte[2 * 1024 * 1024];
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok(body), ScriptedResponse.ok(body));
            long t0 = System.nanoTime();
            GatherRun run = GatherRun.json("-j", "2", "--limit-rate", "1M", server.url("/a"), server.url("/b"));
            double wallSeconds = (System.nanoTime() - t0) / 1e9;
            assertThat(run.exitCode).as(run.err).isZero();
            for (JsonNode r : run.json().get("results")) {
                assertThat(r.get("bytes").asLong()).isEqualTo(body.length);
            }
            // global, not per connection: 4 MiB over both at 1 MiB/s, the bucket's 20 KiB burst aside
            assertThat(wallSeconds).isGreaterThan(3.7);
            assertThat(run.json().get("wall_ms").asDouble()).isGreaterThan(3700);
        }
    }

    @Test
    void badRatesAreUsageErrors() {
        assertThat(GatherRun.run("--limit-rate", "0", "http://x.invalid/").exitCode).isEqualTo(2);
        assertThat(GatherRun.run("--limit-rate", "fast", "http://x.invalid/").exitCode).isEqualTo(2);
        GatherRun ok = GatherRun.run("--limit-rate", "500k/s", "--connect-timeout", "0.1", "http://x.invalid/");
        assertThat(ok.exitCode).isEqualTo(1); // parsed; the URL fails on its own (dns)
    }
}
