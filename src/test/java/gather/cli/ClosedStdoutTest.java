package gather.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gather.testing.ScriptedResponse;
import gather.testing.ScriptedServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code gather --json ... | head -c 100}: stdout closes while gather still writes JSON to it as
 * bytes. The run goes on and ends as it would have (every URL fetched, exit 0), with no stack
 * trace: the real {@link Main} in a JVM of its own, its stdout a pipe this test closes at once.
 */
@Timeout(60)
class ClosedStdoutTest {
    private static final int URLS = 400; // ~200 KB of JSON, several times a pipe's buffer

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"--json", "--jsonl"})
    void aClosedStdoutEndsTheOutputNotTheRun(String mode) throws Exception {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.setDispatcher(req -> ScriptedResponse.ok("page " + req.path()));
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < URLS; i++) {
                urls.add(server.url("/p/" + i));
            }
            Path list = Files.write(tmp.resolve("urls.txt"), urls);
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    mode, "-q", "-j", "8", "-i", list.toString());
            Process p = new ProcessBuilder(cmd).start();
            p.getInputStream().close(); // the reader is gone before the first byte
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(50, TimeUnit.SECONDS)).isTrue();

            assertThat(p.exitValue()).as("stderr: %s", err).isZero();
            assertThat(err).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("internal error");
            assertThat(server.requestCount()).isEqualTo(URLS);
        }
    }
}
