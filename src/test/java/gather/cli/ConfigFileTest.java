package gather.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gather.testing.GatherRun;
import gather.testing.RecordedRequest;
import gather.testing.ScriptedResponse;
import gather.testing.ScriptedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Default options from a config file: where it is, how a line reads, what overrides what, and bad lines. */
class ConfigFileTest {
    @TempDir
    Path dir;

    @Test
    void wordsSplitAsAShellWouldWithoutExpansion() {
        assertThat(ShellWords.split("  --per-host 8  ")).containsExactly("--per-host", "8");
        assertThat(ShellWords.split("--retries=2 # two tries more")).containsExactly("--retries=2");
        assertThat(ShellWords.split("-H 'X-Team: web'")).containsExactly("-H", "X-Team: web");
        assertThat(ShellWords.split("-H \"X-Quote: \\\"a\\\" \\\\ b\"")).containsExactly("-H", "X-Quote: \"a\" \\ b");
        assertThat(ShellWords.split("--expect-text 'a#b'")).containsExactly("--expect-text", "a#b");
        assertThat(ShellWords.split("# a comment")).isEmpty();
        assertThat(ShellWords.split("")).isEmpty();
    }

    @Test
    void theFileIsFoundAsXdgSays() {
        assertThat(ConfigFile.locate(Map.of("GATHER_CONFIG", "/x/c", "HOME", "/h")).path()).isEqualTo(Path.of("/x/c"));
        assertThat(ConfigFile.locate(Map.of("XDG_CONFIG_HOME", "/xdg", "HOME", "/h")).path())
                .isEqualTo(Path.of("/xdg/gather/config"));
        assertThat(ConfigFile.locate(Map.of("HOME", "/h")).path()).isEqualTo(Path.of("/h/.config/gather/config"));
        assertThat(ConfigFile.locate(Map.of())).isNull();
    }

    private Map<String, String> config(String text) throws Exception {
        Path f = dir.resolve("config");
        Files.writeString(f, text);
        return Map.of("GATHER_CONFIG", f.toString());
    }

    @Test
    void optionsFromTheFileApplyAndTheCommandLineOverridesThem() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.setDispatcher(req -> ScriptedResponse.ok("hello"));
            Map<String, String> env = config("""
                    # defaults for this machine
                    -H 'X-Team: web'
                    --user-agent=from-config
                    --accept-status 500
                    """);
            GatherRun run = GatherRun.run(null, env, "--json", server.url("/a"));
            assertThat(run.exitCode).as("--accept-status 500 from the file fails a 200: %s", run).isEqualTo(1);
            RecordedRequest first = server.takeRequest(Duration.ofSeconds(5));
            assertThat(first.header("X-Team")).isEqualTo("web");
            assertThat(first.header("User-Agent")).isEqualTo("from-config");

            GatherRun over = GatherRun.run(null, env, "--json", "--accept-status", "200", "-A", "cli",
                    "-H", "X-More: 1", server.url("/b"));
            assertThat(over.exitCode).as("the command line wins: %s", over).isZero();
            RecordedRequest second = server.takeRequest(Duration.ofSeconds(5));
            assertThat(second.header("User-Agent")).isEqualTo("cli");
            assertThat(second.header("X-Team")).as("repeatable options add up").isEqualTo("web");
            assertThat(second.header("X-More")).isEqualTo("1");

            GatherRun none = GatherRun.run(null, env, "--json", "--no-config", server.url("/c"));
            assertThat(none.exitCode).isZero();
            assertThat(server.takeRequest(Duration.ofSeconds(5)).header("X-Team")).isNull();

            GatherRun url = GatherRun.run(null, env, "--json", "--accept-status", "200", "--resolve",
                    "--no-config:80:127.0.0.1", server.url("/d"), "--", "--no-config"); // no DNS: loopback
            assertThat(url.exitCode).as("after --, --no-config is a URL, not the option: %s", url).isNotEqualTo(2);
            assertThat(url.out).contains("\"url\":\"http://--no-config/\"");
            assertThat(server.takeRequest(Duration.ofSeconds(5)).header("X-Team")).as("the file applied").isEqualTo("web");
        }
    }

    @Test
    void aBadLineIsAUsageErrorNamingFileAndLineBeforeAnythingRuns() throws Exception {
        for (String bad : List.of("--no-such-option", "--per-host", "--per-host many", "-H 'unterminated",
                "http://example.test/", "--version", "-h", "--no-config")) {
            Map<String, String> env = config("--retries 1\n\n" + bad + "\n");
            GatherRun run = GatherRun.run(null, env, "http://127.0.0.1:1/");
            assertThat(run.exitCode).as("%s: %s", bad, run).isEqualTo(2);
            assertThat(run.err).as(bad).contains(env.get("GATHER_CONFIG") + ":3: ");
            assertThat(run.out).isEmpty();
        }
    }

    @Test
    void aMissingFileNamedByGatherConfigIsAnErrorAMissingDefaultIsNot() {
        GatherRun named = GatherRun.run(null, Map.of("GATHER_CONFIG", dir.resolve("none").toString()), "--version");
        assertThat(named.exitCode).isEqualTo(2);
        assertThat(named.err).contains("does not exist");
        GatherRun home = GatherRun.run(null, Map.of("HOME", dir.toString()), "--version");
        assertThat(home.exitCode).isZero();
    }

    @Test
    void subcommandsDoNotReadIt() throws Exception {
        Map<String, String> env = config("--no-such-option\n");
        GatherRun run = GatherRun.run(null, env, "completion", "bash");
        assertThat(run.exitCode).isZero();
    }
}
