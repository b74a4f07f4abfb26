package gather.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gather.testing.ScriptedResponse;
import gather.testing.ScriptedServer;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ctrl-C on a real process (main's Interrupts): the run's shutdown hook cancels the work, the
 * summary of what finished is still written, and the JVM exits 130 by itself.
 */
@Timeout(60)
class InterruptTest {
    @Test
    void sigintCancelsTheRunWritesTheSummaryAndExits130() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.setDispatcher(req -> req.path().equals("/fast") ? ScriptedResponse.ok("fast")
                    : ScriptedResponse.ok("never").stall());
            String java = ProcessHandle.current().info().command().orElse("java");
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "gather.cli.Main",
                    "--json", "-j", "2", server.url("/fast"), server.url("/stall"))
                    .start();
            CountDownLatch fastDone = new CountDownLatch(1); // its human line (stderr under --json) is out
            Thread.ofVirtual().start(() -> {
                try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = err.readLine()) != null; ) {
                        if (line.contains("/fast")) {
                            fastDone.countDown();
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // the process ended
                }
            });
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    p.getInputStream().transferTo(out);
                } catch (java.io.IOException ignored) {
                    // the process ended
                }
            });
            assertThat(fastDone.await(30, TimeUnit.SECONDS)).as("/fast finished").isTrue();
            while (server.requestCount() < 2) { // the stalled request has arrived: the run is waiting on it
                assertThat(p.isAlive()).isTrue();
                server.pollRequest(Duration.ofMillis(50));
            }
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exited after SIGINT").isTrue();
            reader.join();
            assertThat(p.exitValue()).isEqualTo(130);
            JsonNode doc = CliTestSupport.strictJson(out.toString(StandardCharsets.UTF_8));
            List<String> kinds = CliTestSupport.results(doc).stream()
                    .map(r -> r.get("error").isNull() ? "ok" : r.get("error").get("kind").asText()).toList();
            assertThat(kinds).containsExactly("ok", "cancelled");
        }
    }

}
