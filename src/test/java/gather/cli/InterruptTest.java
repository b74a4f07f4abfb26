package gather.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gather.testing.ScriptedResponse;
import gather.testing.ScriptedServer;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
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
            // two workers: /fast, then /stall2 on the same worker, /stall on the other; /later0-2 never start
            Path input = Files.createTempFile("gather-interrupt-", ".txt");
            input.toFile().deleteOnExit();
            Files.writeString(input, server.url("/stall2") + "\n# a comment\n\n" + server.url("/later0")
                    + "\n" + server.url("/later1") + "\n" + server.url("/later2") + "\n");
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "gather.cli.Main",
                    "--json", "-j", "2", server.url("/fast"), server.url("/stall"), "-i", input.toString())
                    .start();
            List<String> errLines = new java.util.concurrent.CopyOnWriteArrayList<>();
            CountDownLatch fastDone = new CountDownLatch(1); // its human line (stderr under --json) is out
            Thread errReader = Thread.ofVirtual().start(() -> {
                try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = err.readLine()) != null; ) {
                        errLines.add(line);
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
            while (server.requestCount() < 3) { // the stalled request has arrived: the run is waiting on it
                assertThat(p.isAlive()).isTrue();
                server.pollRequest(Duration.ofMillis(50));
            }
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exited after SIGINT").isTrue();
            reader.join();
            errReader.join();
            assertThat(p.exitValue()).isEqualTo(130);
            JsonNode doc = CliTestSupport.strictJson(out.toString(StandardCharsets.UTF_8));
            List<String> kinds = CliTestSupport.results(doc).stream()
                    .map(r -> r.get("error").isNull() ? "ok" : r.get("error").get("kind").asText()).toList();
            assertThat(kinds).containsExactly("ok", "cancelled", "cancelled");
            assertThat(doc.get("interrupted").asBoolean()).isTrue();
            assertThat(doc.get("not_started").asLong()).as("the three URLs left in the file").isEqualTo(3);
            assertThat(errLines).contains("interrupted (Ctrl-C): 3 URLs never started");
            assertThat(server.requestCount()).isEqualTo(3);
        }
    }

}
